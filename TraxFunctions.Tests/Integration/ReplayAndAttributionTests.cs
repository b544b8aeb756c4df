using System.Text.Json;
using Azure.Storage.Queues.Models;
using Trax.Conversions;
using Trax.Forwards;

namespace Trax.Tests.Integration;

/// <summary>
/// An operator's replay of an orphan to a forward that takes attributed conversions only, queued while the orphan's
/// click is registered: the attribution queues that forward the conversion's status too. The partner must hear each
/// status once, under one idempotency key, in whichever order the queue hands the two jobs over.
/// </summary>
[Category("Integration")]
public sealed class ReplayAndAttributionTests() : ClockedAppTests(Start)
{
    private const string Sale = "/wp-json/trax/v1/sale?clickid=late-1&network=AffiliateWeb&txid=T-1&currency=EUR";
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly string ConversionId = ConversionKeys.ConversionId("late-1", "sale:T-1");

    private ForwardReceiver receiver = null!;

    /// <summary>After the base class started the app: the partner and the forward of attributed conversions.</summary>
    [SetUp]
    public async Task StartReceiverAsync()
    {
        receiver = await ForwardReceiver.StartAsync();
        var put = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/ads", JsonSerializer.Serialize(new { url = receiver.BaseUrl + "/cb?s={status}&p={payout}" })));
        Assert.That(put.StatusCode, Is.EqualTo(201), put.Text);
    }

    [TearDown]
    public async Task StopReceiverAsync() => await receiver.DisposeAsync();

    [TestCase(true, TestName = "ReplayOfAPendingOrphan_ApprovedAndRepeatedThenAttributed_TheReplayFirst_SendsTheApprovalOnce")]
    [TestCase(false, TestName = "ReplayOfAPendingOrphan_ApprovedAndRepeatedThenAttributed_TheAttributionsJobFirst_SendsTheApprovalOnce")]
    public async Task ReplayOfAPendingOrphan_ApprovedAndRepeatedThenAttributed_SendsTheApprovalOnce(bool replayFirst)
    {
        await PostAndProcessAsync(Sale + "&payout=10&status=pending");
        var replay = await ReplayAsync();
        // The newest status, then a newer postback repeating it with a corrected payout: the state moves, no job.
        await PostAndProcessAsync(Sale + "&payout=10&status=approved");
        await PostAndProcessAsync(Sale + "&payout=12&status=approved");
        var attribution = await RegisterTheClickAsync();

        foreach (var job in replayFirst ? new[] { replay, attribution } : [attribution, replay])
        {
            await trax.DeliverAsync(TraxApp.DecodeLikeTheTrigger(job));
        }

        await trax.DeliverForwardsAsync();
        Assert.That(receiver.Received.Select(r => r.Query["s"]), Is.EqualTo(new[] { "approved" }), "the partner hears the approval once");
    }

    [TestCase(true, TestName = "ReplayOfAnApprovedOrphan_ThenAttributed_TheReplayFirst_SendsTheApprovalOnceUnderOneKey")]
    [TestCase(false, TestName = "ReplayOfAnApprovedOrphan_ThenAttributed_TheAttributionsJobFirst_SendsTheApprovalOnceUnderOneKey")]
    public async Task ReplayOfAnApprovedOrphan_ThenAttributed_SendsTheApprovalOnceUnderOneKey(bool replayFirst)
    {
        await PostAndProcessAsync(Sale + "&payout=10&status=pending");
        await PostAndProcessAsync(Sale + "&payout=10&status=approved");
        var replay = await ReplayAsync();
        var attribution = await RegisterTheClickAsync();

        foreach (var job in replayFirst ? new[] { replay, attribution } : [attribution, replay])
        {
            await trax.DeliverAsync(TraxApp.DecodeLikeTheTrigger(job));
        }

        await trax.DeliverForwardsAsync();
        Assert.That(receiver.Received.Select(r => r.Query["s"]), Is.EqualTo(new[] { "approved" }), "the partner hears the approval once");
        Assert.That(receiver.Received.Single().IdempotencyKey, Is.EqualTo(ForwardJobJson.Deserialize(TraxApp.DecodeLikeTheTrigger(attribution)).Id),
            "under the key of the approval's own job");
        var replayId = ForwardJobJson.Deserialize(TraxApp.DecodeLikeTheTrigger(replay)).Id;
        Assert.That((await DeliveriesAsync()).Select(d => (d.GetProperty("jobId").GetString(), d.GetProperty("outcome").GetString())),
            Is.EqualTo(new[] { (replayId, "delivered") }), "the job id the replay answered shows the one delivery in the log");
    }

    private async Task<QueueMessage> ReplayAsync()
    {
        var answer = await trax.SendAsync(HttpRequests.Create("POST", $"/api/forwards/ads/replay?conversion={Uri.EscapeDataString(ConversionId)}"));
        Assert.That(answer.StatusCode, Is.EqualTo(202), answer.Text);
        return (await trax.ReceiveForwardJobsAsync()).Single();
    }

    private async Task<QueueMessage> RegisterTheClickAsync()
    {
        var registered = await trax.PostJsonAsync("/api/clicks", """{"clickId":"late-1","sub1":"upstream-9"}""");
        Assert.That(registered.StatusCode, Is.EqualTo(200), registered.Text);
        return (await trax.ReceiveForwardJobsAsync()).Single();
    }

    private async Task PostAndProcessAsync(string url)
    {
        clock.Advance(TimeSpan.FromSeconds(1));
        var answer = await trax.GetAsync(url);
        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        Assert.That(await trax.DrainAsync(), Is.EqualTo(1));
    }

    private async Task<List<JsonElement>> DeliveriesAsync()
    {
        var answer = await trax.GetAsync("/api/forwards/ads/deliveries?date=2026-11-25");
        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        return [.. answer.Body!.Value.GetProperty("items").EnumerateArray()];
    }
}
