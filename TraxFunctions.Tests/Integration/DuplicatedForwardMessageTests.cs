using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Trax.Clicks;

namespace Trax.Tests.Integration;

/// <summary>
/// A queue send whose answer is lost on the wire is sent again by the storage SDK, and the queue then holds the same
/// job twice, byte for byte: the same copy, under two message ids. Those two messages are two copies, not one
/// message delivered again, so only one of them may send while the other holds the claim. Likewise a job's next
/// attempt, queued before its attempt was recorded, must not send while that attempt is being sent again.
/// </summary>
[Category("Integration")]
public sealed class DuplicatedForwardMessageTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private const string Sale = "/wp-json/trax/v1/sale?clickid=c-77&network=AffiliateWeb&txid=T-9&payout=25.50&currency=EUR&status=approved";

    private TraxApp trax = null!;
    private ForwardReceiver receiver = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        var clock = new FakeTimeProvider(Start);
        trax = await TraxApp.StartAsync(time: clock);
        await trax.SeedClickAsync(new Click { ClickId = "c-77", ClickedAt = Start.AddHours(-1) });
        receiver = await ForwardReceiver.StartAsync();
        clock.Advance(TimeSpan.FromSeconds(1));
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await receiver.DisposeAsync();
        await trax.DisposeAsync();
    }

    [Test]
    public async Task JobQueuedTwiceBySdkRetry_WhileOneCopyIsSending_TheOtherSendsNothing()
    {
        var put = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/ads", JsonSerializer.Serialize(new { url = receiver.BaseUrl + "/cb?s={status}" })));
        Assert.That(put.StatusCode, Is.EqualTo(201), put.Text);
        Assert.That((await trax.GetAsync(Sale)).StatusCode, Is.EqualTo(200));
        trax.Faults.Fail(r => r.Service == "queue" && r.Operation == "send" && r.Resource == trax.RawForwardQueue.Name, InjectedFault.LostResponseRetried);
        Assert.That(await trax.DrainAsync(), Is.EqualTo(1));

        var copies = await trax.ReceiveForwardJobsAsync();
        Assert.That(copies, Has.Count.EqualTo(2), "the outbox's send was applied, its answer lost, and the SDK sent it again");
        Assert.That(TraxApp.DecodeLikeTheTrigger(copies[1]), Is.EqualTo(TraxApp.DecodeLikeTheTrigger(copies[0])));

        var held = receiver.HoldNext();
        var first = trax.DeliverAsync(copies[0]);
        while (receiver.Received.IsEmpty && !first.IsCompleted)
        {
            await Task.Delay(10);
        }

        Assert.That(receiver.Received, Has.Count.EqualTo(1), "the first copy is sending");
        await trax.DeliverAsync(copies[1]);
        held.SetResult();
        await first;

        Assert.That(receiver.Received, Has.Count.EqualTo(1), "the second copy sent nothing while the first held the claim");
        var log = await trax.GetAsync("/api/forwards/ads/deliveries?date=2026-11-25");
        Assert.That(log.Body!.Value.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("outcome").GetString()), Is.EqualTo(new[] { "delivered" }));
    }

    [Test]
    public async Task RetryQueuedBeforeItsAttemptWasRecorded_WhileThatAttemptIsSentAgain_WaitsForItsLease()
    {
        var put = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/ads", JsonSerializer.Serialize(new { url = receiver.BaseUrl + "/cb?s={status}" })));
        Assert.That(put.StatusCode, Is.EqualTo(201), put.Text);
        Assert.That((await trax.GetAsync(Sale)).StatusCode, Is.EqualTo(200));
        Assert.That(await trax.DrainAsync(), Is.EqualTo(1));
        var attempt1 = (await trax.ReceiveForwardJobsAsync()).Single();
        receiver.AnswerNext(503);
        var held = receiver.HoldNext();
        // Attempt 1 is answered 503 and queues attempt 2; its log row then fails, so the host redelivers it.
        trax.Faults.Fail(r => StorageFaults.Table("ForwardDeliveries")(r) && r.Operation == "upsert (replace)", InjectedFault.ServerBusy);
        Assert.That(async () => await trax.DeliverAsync(attempt1), Throws.Exception);
        var attempt2 = (await trax.ReceiveForwardJobsAsync()).Single();
        Assert.That(TraxApp.DecodeLikeTheTrigger(attempt2), Does.Contain("\"attempt\":2"));

        var again = trax.DeliverAsync(attempt1);
        while (receiver.Received.Count < 2 && !again.IsCompleted)
        {
            await Task.Delay(10);
        }

        Assert.That(receiver.Received, Has.Count.EqualTo(2), "attempt 1, redelivered, resumes its claim and is sending again");
        var queued = (await trax.RawForwardQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        await trax.DeliverAsync(attempt2);
        Assert.That(receiver.Received, Has.Count.EqualTo(2), "attempt 2 sent nothing while attempt 1 held a live claim");
        Assert.That((await trax.RawForwardQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount, Is.EqualTo(queued + 1),
            "attempt 2 is queued again for when attempt 1's lease runs out, not dropped");
        held.SetResult();
        await again;

        await trax.DeliverAsync(attempt2);
        Assert.That(receiver.Received, Has.Count.EqualTo(2), "attempt 2, when it comes up again, finds the job delivered");
        var log = await trax.GetAsync("/api/forwards/ads/deliveries?date=2026-11-25");
        Assert.That(log.Body!.Value.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("outcome").GetString()), Is.EqualTo(new[] { "delivered" }));
    }
}
