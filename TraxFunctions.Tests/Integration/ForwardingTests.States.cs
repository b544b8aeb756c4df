using Trax.Conversions;
using Trax.Core;

namespace Trax.Tests.Integration;

/// <summary>Which states of a conversion are sent: each status change once, a status that returns, an older state superseded, a replay.</summary>
public sealed partial class ForwardingTests
{
    [Test]
    public async Task StatusChange_IsDeliveredAgainWithTheNewStatus_AndAPayoutCorrectionIsNot()
    {
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb?s={status}&p={payout}" });

        await PostAndProcessAsync(Sale + "&status=pending");
        await trax.DeliverForwardsAsync();
        await PostAndProcessAsync(Sale.Replace("payout=25.50", "payout=20") + "&status=pending");
        await trax.DeliverForwardsAsync();
        await PostAndProcessAsync(Sale.Replace("payout=25.50", "payout=20") + "&status=approved");
        await trax.DeliverForwardsAsync();

        Assert.That(receiver.Received.Select(r => r.PathAndQuery), Is.EqualTo(new[] { "/cb?s=pending&p=25.50", "/cb?s=approved&p=20" }));
        Assert.That(receiver.Received.Select(r => r.IdempotencyKey).Distinct().Count(), Is.EqualTo(2), "two states, two jobs");
    }

    [Test]
    public async Task StatusThatReturnsToAnEarlierPostbacksWord_IsDeliveredAgain()
    {
        // A chargeback processed late makes a later identical chargeback its resend (received with the first): then
        // the hold between them is the newest word again, and the state returns to what it was after the hold. The
        // partner heard pending, then rejected: it must hear pending again, though the same postback set the state.
        await ChargebackProcessedLateAsync(deliverTheLaterChargeback: () => trax.DeliverForwardsAsync());

        Assert.That((await trax.ConversionsAsync()).Single().State.Status, Is.EqualTo(ConversionStatus.Pending), "the later chargeback is a resend");
        Assert.That(receiver.Received.Select(r => r.PathAndQuery), Is.EqualTo(new[] { "/cb?s=pending", "/cb?s=rejected", "/cb?s=pending" }));
    }

    [Test]
    public async Task StatusThatReturnsToAnEarlierPostbacksWord_WhileTheStatusBeforeIsStillRetrying_SupersedesIt()
    {
        // As above, but the destination was down when the chargeback came: its job is still retrying when the late
        // original moves the state back to the hold. The hold has its own job; the rejection must not follow it.
        await ChargebackProcessedLateAsync(deliverTheLaterChargeback: () =>
        {
            receiver.AnswerNext(503);
            return trax.DeliverForwardsAsync(maxPasses: 1);
        });

        Assert.That((await trax.ConversionsAsync()).Single().State.Status, Is.EqualTo(ConversionStatus.Pending), "the later chargeback is a resend");
        Assert.That(receiver.Received.Select(r => r.PathAndQuery), Is.EqualTo(new[] { "/cb?s=pending", "/cb?s=rejected", "/cb?s=pending" }),
            "the rejection's retry is not sent after the hold that replaced it");
        Assert.That((await DeliveriesAsync("ads")).Select(d => $"{d.GetProperty("status").GetString()}:{d.GetProperty("outcome").GetString()}"),
            Is.EquivalentTo(new[] { "pending:delivered", "rejected:retrying", "rejected:superseded", "pending:delivered" }));
    }

    /// <summary>
    /// A forward of every status; a chargeback received first but processed last; a pending, then the same chargeback
    /// again (delivered as <paramref name="deliverTheLaterChargeback"/> says), which the late original makes its resend.
    /// </summary>
    private async Task ChargebackProcessedLateAsync(Func<Task> deliverTheLaterChargeback)
    {
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb?s={status}" });
        const string chargeback = "/wp-json/trax/v1/sale?clickid=c-77&txid=T-9&status=chargeback";
        clock.Advance(TimeSpan.FromSeconds(1));
        await trax.GetAsync(chargeback);
        var late = await trax.ReceiveTextsAsync();
        clock.Advance(TimeSpan.FromMinutes(5));
        await PostAndProcessAsync("/wp-json/trax/v1/sale?clickid=c-77&txid=T-9&status=pending");
        await trax.DeliverForwardsAsync();
        clock.Advance(TimeSpan.FromMinutes(5));
        await PostAndProcessAsync(chargeback);
        await deliverTheLaterChargeback();

        await trax.ProcessAsync(late.Single());
        await trax.DeliverForwardsAsync();
    }

    [Test]
    public async Task RedeliveredPostback_IsNotForwardedTwice()
    {
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb?c={clickid}" });
        await trax.GetAsync(Sale);
        var message = (await trax.ReceiveTextsAsync()).Single();

        await trax.ProcessAsync(message);
        await trax.ProcessAsync(message);
        await Task.WhenAll(trax.ProcessAsync(message), trax.ProcessAsync(message));
        var jobs = await trax.DeliverForwardsAsync();

        Assert.That(jobs, Is.EqualTo(4), "each delivery of the postback queues its job again");
        Assert.That(receiver.Received, Has.Count.EqualTo(1), "one job id: sent once");
        Assert.That((await DeliveriesAsync("ads")).Select(d => d.GetProperty("outcome").GetString()), Is.EqualTo(new[] { "delivered" }));
    }

    [Test]
    public async Task OlderState_StillQueuedWhenTheStatusChanged_IsSupersededNotSent()
    {
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb?s={status}" });
        await PostAndProcessAsync(Sale + "&status=pending");
        await PostAndProcessAsync(Sale + "&status=rejected");

        await trax.DeliverForwardsAsync();

        Assert.That(receiver.Received.Select(r => r.PathAndQuery), Is.EqualTo(new[] { "/cb?s=rejected" }));
        Assert.That((await DeliveriesAsync("ads")).Select(d => d.GetProperty("outcome").GetString()), Is.EquivalentTo(new[] { "superseded", "delivered" }));
    }

    [Test]
    public async Task OlderState_QueuedBeforeJobsCarriedTheStateVersion_IsSupersededByWhoSetTheStatus()
    {
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb?s={status}" });
        await PostAndProcessAsync(Sale + "&status=pending");
        await PostAndProcessAsync(Sale + "&status=rejected");
        var jobs = (await trax.ReceiveForwardJobsAsync()).Select(TraxApp.DecodeLikeTheTrigger).ToList();

        foreach (var job in jobs)
        {
            var old = System.Text.Json.Nodes.JsonNode.Parse(job)!.AsObject();
            Assert.That(old.Remove("stateVersion"), Is.True, "the job carried its state's version");
            await trax.DeliverAsync(old.ToJsonString());
        }

        Assert.That(receiver.Received.Select(r => r.PathAndQuery), Is.EqualTo(new[] { "/cb?s=rejected" }));
    }

    [Test]
    public async Task OlderState_WhenTheNewerStatusIsFilteredOut_IsStillSent()
    {
        // The newer status has no job for a forward that leaves it out: the older one is the last it will hear.
        await PutForwardAsync("holds", new { url = receiver.BaseUrl + "/cb?s={status}", statuses = new[] { "pending" } });
        await PostAndProcessAsync(Sale + "&status=pending");
        await PostAndProcessAsync(Sale + "&status=approved");

        await trax.DeliverForwardsAsync();

        Assert.That(receiver.Received.Select(r => r.PathAndQuery), Is.EqualTo(new[] { "/cb?s=pending" }));
        Assert.That((await DeliveriesAsync("holds")).Select(d => d.GetProperty("outcome").GetString()), Is.EqualTo(new[] { "delivered" }));
    }

    [Test]
    public async Task Replay_SendsTheCurrentStateAgainAsAJobOfItsOwn()
    {
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb?s={status}&c={conversionid}" });
        await PostAndProcessAsync(Sale);
        await trax.DeliverForwardsAsync();

        var lookup = await trax.GetAsync("/api/conversions?clickid=c-77");
        var conversionId = lookup.Body!.Value.GetProperty("conversions")[0].GetProperty("conversionId").GetString()!;
        Assert.That(receiver.Received.Single().Query["c"], Is.EqualTo(conversionId), "{conversionid} is that id");
        Assert.That(conversionId, Is.EqualTo(ConversionKeys.ConversionId("c-77", "sale:T-9")), "the lookup shows the id a replay names");
        var replay = await trax.SendAsync(HttpRequests.Create("POST", $"/api/forwards/ads/replay?conversion={Uri.EscapeDataString(conversionId)}"));
        await trax.DeliverForwardsAsync();

        Assert.That(replay.StatusCode, Is.EqualTo(202), replay.Text);
        Assert.That(receiver.Received, Has.Count.EqualTo(2));
        Assert.That(receiver.Received.Last().IdempotencyKey, Is.EqualTo(replay.Field("jobId")).And.Not.EqualTo(receiver.Received.First().IdempotencyKey));
        var unknown = await trax.SendAsync(HttpRequests.Create("POST", "/api/forwards/ads/replay?conversion=c-77%2Fftd"));
        Assert.That((unknown.StatusCode, unknown.Field("reason")), Is.EqualTo((404, "unknown-conversion")));
        var invalid = await trax.SendAsync(HttpRequests.Create("POST", "/api/forwards/ads/replay?conversion=nonsense"));
        Assert.That((invalid.StatusCode, invalid.Field("reason")), Is.EqualTo((400, "invalid-conversion")));
    }

    [Test]
    public async Task Replay_OfAStatusThatChangesBeforeItIsSent_IsSupersededByTheNewStatusesJob()
    {
        // The operator replays the pending conversion; it is approved before the replay comes up. The approval has its
        // own job and is delivered first: the replay must not make pending the last word the destination hears.
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb?s={status}" });
        await PostAndProcessAsync(Sale + "&status=pending");
        await trax.DeliverForwardsAsync();
        var replay = await trax.SendAsync(HttpRequests.Create("POST", $"/api/forwards/ads/replay?conversion={Uri.EscapeDataString(ConversionKeys.ConversionId("c-77", "sale:T-9"))}"));
        Assert.That(replay.StatusCode, Is.EqualTo(202), replay.Text);
        var replayJob = (await trax.ReceiveForwardJobsAsync()).Single();

        await PostAndProcessAsync(Sale + "&status=approved");
        await trax.DeliverForwardsAsync();
        await trax.DeliverAsync(TraxApp.DecodeLikeTheTrigger(replayJob));

        Assert.That(receiver.Received.Select(r => r.PathAndQuery), Is.EqualTo(new[] { "/cb?s=pending", "/cb?s=approved" }));
        var replayed = (await DeliveriesAsync("ads")).Single(d => d.GetProperty("replay").GetBoolean());
        Assert.That((replayed.GetProperty("status").GetString(), replayed.GetProperty("outcome").GetString()), Is.EqualTo(("pending", "superseded")));
    }
}
