using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Trax.Clicks;
using Trax.Forwards;

namespace Trax.Tests.Integration;

/// <summary>
/// Two instances of Trax on the same storage, each reading the forward list once per
/// <c>Trax__Forwarding__CacheSeconds</c> (30 s, as deployed): a forward just created is known to one and not yet to
/// the other, so one status of a conversion gets a job for it and the next does not. The destination must still end
/// up told the conversion's latest status.
/// </summary>
[Category("Integration")]
public sealed class StaleForwardListTests
{
    private const string Sale = "/wp-json/trax/v1/sale?clickid=c-77&network=AffiliateWeb&txid=T-9&payout=25.50&currency=EUR";
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, string?> AsDeployed = new() { ["Trax:Forwarding:CacheSeconds"] = "30" };

    private FakeTimeProvider clock = null!;
    private TraxApp a = null!;
    private TraxApp b = null!;
    private ForwardReceiver receiver = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        clock = new FakeTimeProvider(Start);
        a = await TraxApp.StartAsync(time: clock, settings: AsDeployed);
        b = await a.StartPeerAsync(clock, AsDeployed);
        await a.SeedClickAsync(new Click { ClickId = "c-77", ClickedAt = Start.AddHours(-1) });
        receiver = await ForwardReceiver.StartAsync();
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await receiver.DisposeAsync();
        await b.DisposeAsync();
        await a.DisposeAsync();
    }

    [TestCase(false, TestName = "NewerStatus_DecidedByAnInstanceThatHasNotSeenTheForwardYet_IsDeliveredInsteadOfTheSupersededOne")]
    [TestCase(true, TestName = "NewerStatus_DecidedByAnInstanceThatHasNotSeenTheForwardYet_IsDeliveredInsteadOfAnOldJobWithoutStateVersion")]
    public async Task NewerStatus_DecidedByAnInstanceThatHasNotSeenTheForwardYet_IsDelivered(bool jobQueuedBeforeStateVersions)
    {
        await a.Get<ForwardCache>().EnabledAsync(CancellationToken.None);
        await PutForwardAsync(b, "ads", new { url = receiver.BaseUrl + "/cb?s={status}&k={conversionid}" });

        await PostAndProcessAsync(b, Sale + "&status=pending");
        await PostAndProcessAsync(a, Sale + "&status=approved");
        var jobs = (await a.ReceiveForwardJobsAsync()).Select(TraxApp.DecodeLikeTheTrigger).ToList();
        Assert.That(jobs, Has.Count.EqualTo(1), "B queued the pending; A, not knowing the forward yet, queued nothing for the approval");
        foreach (var job in jobs)
        {
            var json = JsonNode.Parse(job)!.AsObject();
            if (jobQueuedBeforeStateVersions)
            {
                Assert.That(json.Remove("stateVersion"), Is.True);
            }

            await a.DeliverAsync(json.ToJsonString());
        }

        await a.DeliverForwardsAsync();

        Assert.That(receiver.Received.Select(r => r.Query["s"]), Is.EqualTo(new[] { "approved" }), "the destination hears the latest status, once");
        Assert.That(await OutcomesAsync(a), Is.EquivalentTo(new[] { "pending:superseded", "approved:delivered" }));
    }

    [TestCase(false, TestName = "NewerStatus_WithItsOwnJobStillQueued_IsSentOnceWithThatJobsIdempotencyKey")]
    [TestCase(true, TestName = "NewerStatus_WithItsOwnJobStillQueued_AndRepeatedSince_IsSentOnceWithThatJobsIdempotencyKey")]
    public async Task NewerStatus_WithItsOwnJobStillQueued_IsSentOnce(bool repeatedSince)
    {
        await PutForwardAsync(a, "ads", new { url = receiver.BaseUrl + "/cb?s={status}&p={payout}" });
        await PostAndProcessAsync(a, Sale + "&status=pending");
        await PostAndProcessAsync(b, Sale + "&status=approved");
        if (repeatedSince)
        {
            // A newer postback of the same status moves the state (who set it, the money) but queues no job.
            await PostAndProcessAsync(b, Sale.Replace("payout=25.50", "payout=30") + "&status=approved");
        }

        var texts = (await a.ReceiveForwardJobsAsync()).Select(TraxApp.DecodeLikeTheTrigger).OrderBy(t => ForwardJobJson.Deserialize(t).StateVersion).ToList();
        var jobs = texts.Select(ForwardJobJson.Deserialize).ToList();
        Assert.That(jobs.Select(j => j.Status), Is.EqualTo(new[] { "pending", "approved" }));

        foreach (var text in texts)
        {
            await b.DeliverAsync(text);
        }

        Assert.That(receiver.Received.Select(r => (r.PathAndQuery, r.IdempotencyKey)), Is.EqualTo(new[] { ("/cb?s=approved&p=25.50", jobs[1].Id) }),
            "the approval's own job, sent by the pending one as the outbox made it, is not sent again when it comes up");
        Assert.That(await OutcomesAsync(a), Is.EquivalentTo(new[] { "pending:superseded", "approved:delivered" }));
    }

    [Test]
    public async Task SupersededJob_RedeliveredAfterItSentTheNewerStatus_DoesNotSendItAgain()
    {
        await a.Get<ForwardCache>().EnabledAsync(CancellationToken.None);
        await PutForwardAsync(b, "ads", new { url = receiver.BaseUrl + "/cb?s={status}" });
        await PostAndProcessAsync(b, Sale + "&status=pending");
        await PostAndProcessAsync(a, Sale + "&status=approved");
        var job = TraxApp.DecodeLikeTheTrigger((await a.ReceiveForwardJobsAsync()).Single());
        var writes = 0;
        // The approval is sent and logged; the pending job's own log row then fails, so the host redelivers it.
        a.Faults.Fail(r => StorageFaults.Table("ForwardDeliveries")(r) && r.Operation == "upsert (replace)" && ++writes == 2, InjectedFault.ServerBusy);

        Assert.That(async () => await a.DeliverAsync(job), Throws.Exception);
        await a.DeliverAsync(job);

        Assert.That(receiver.Received.Select(r => r.Query["s"]), Is.EqualTo(new[] { "approved" }));
        Assert.That(await OutcomesAsync(a), Is.EquivalentTo(new[] { "pending:superseded", "approved:delivered" }));
    }

    private static async Task PutForwardAsync(TraxApp app, string id, object forward)
    {
        var answer = await app.SendAsync(HttpRequests.Json("PUT", "/api/forwards/" + id, JsonSerializer.Serialize(forward)));
        Assert.That(answer.StatusCode, Is.AnyOf(200, 201), answer.Text);
    }

    private async Task PostAndProcessAsync(TraxApp app, string url)
    {
        clock.Advance(TimeSpan.FromSeconds(1));
        var answer = await app.GetAsync(url);
        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        Assert.That(await app.DrainAsync(), Is.EqualTo(1));
    }

    private static async Task<List<string>> OutcomesAsync(TraxApp app)
    {
        var answer = await app.GetAsync("/api/forwards/ads/deliveries?date=2026-11-25");
        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        return [.. answer.Body!.Value.GetProperty("items").EnumerateArray().Select(d => $"{d.GetProperty("status").GetString()}:{d.GetProperty("outcome").GetString()}")];
    }
}
