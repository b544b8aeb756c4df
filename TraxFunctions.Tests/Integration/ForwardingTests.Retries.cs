using Trax.Forwards;

namespace Trax.Tests.Integration;

/// <summary>How a delivery ends: a server error retried, a client error failed, a hang timed out, Retry-After honoured, a job dead-lettered when its time runs out.</summary>
public sealed partial class ForwardingTests
{
    [Test]
    public async Task ServerError_ThenOk_EndsDeliveredAfterARetryWithTheSameIdempotencyKey()
    {
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb" });
        receiver.AnswerNext(500, 503);

        await PostAndProcessAsync(Sale);
        await trax.DeliverForwardsAsync();

        Assert.That(receiver.Received, Has.Count.EqualTo(3));
        Assert.That(receiver.Received.Select(r => r.IdempotencyKey).Distinct().Count(), Is.EqualTo(1));
        var deliveries = await DeliveriesAsync("ads");
        Assert.That(deliveries.Select(d => $"{d.GetProperty("attempt").GetInt32()}:{d.GetProperty("outcome").GetString()}:{d.GetProperty("httpStatus").GetInt32()}"),
            Is.EqualTo(new[] { "3:delivered:200", "2:retrying:503", "1:retrying:500" }), "newest first");
    }

    [Test]
    public async Task ClientError_EndsFailedWithoutRetry()
    {
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb" });
        receiver.AnswerAlways(400);

        await PostAndProcessAsync(Sale);
        await trax.DeliverForwardsAsync();

        Assert.That(receiver.Received, Has.Count.EqualTo(1));
        var delivery = (await DeliveriesAsync("ads")).Single();
        Assert.That(delivery.GetProperty("outcome").GetString(), Is.EqualTo("failed"));
        Assert.That(delivery.GetProperty("error").GetString(), Does.Contain("400"));
    }

    [Test]
    public async Task Hang_EndsInATimeoutAndARetry()
    {
        await PutForwardAsync("slow", new { url = receiver.BaseUrl + "/cb", timeoutSeconds = 1 });
        receiver.HangNext();

        await PostAndProcessAsync(Sale);
        await trax.DeliverForwardsAsync();

        var deliveries = await DeliveriesAsync("slow");
        Assert.That(deliveries.Select(d => d.GetProperty("outcome").GetString()), Is.EqualTo(new[] { "delivered", "retrying" }));
        Assert.That(deliveries[1].GetProperty("error").GetString(), Does.Contain("no answer within 1 s"));
        Assert.That(deliveries[1].GetProperty("durationMs").GetInt64(), Is.GreaterThanOrEqualTo(900).And.LessThan(10_000));
    }

    [Test]
    public async Task RetriesRunningOutOfTime_DeadLetterTheJobWithItsLastError()
    {
        await PutForwardAsync("down", new { url = receiver.BaseUrl + "/cb" });
        receiver.AnswerAlways(503);
        await PostAndProcessAsync(Sale);

        // Each attempt fails; past 24 h since the job was queued, the next failure gives up.
        await trax.DeliverForwardsAsync(maxPasses: 1);
        clock.Advance(TimeSpan.FromHours(25));
        await trax.DeliverForwardsAsync();

        Assert.That(receiver.Received, Has.Count.EqualTo(2));
        var poisoned = (await trax.RawForwardPoisonQueue.ReceiveMessagesAsync(10)).Value.Single();
        var job = ForwardJobJson.Deserialize(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(poisoned.MessageText)));
        Assert.That(job.LastError, Is.EqualTo("answered 503"));
        var last = (await DeliveriesAsync("down", "2026-11-26")).First();
        Assert.That(last.GetProperty("outcome").GetString(), Is.EqualTo("failed"));
        Assert.That(last.GetProperty("error").GetString(), Does.Contain("gave up after 2 attempts"));
    }

    [TestCase(429, "120", 120)]
    [TestCase(503, "Wed, 25 Nov 2026 10:10:01 GMT", 600)]
    [TestCase(429, "86400", 3600)]
    [TestCase(503, "0", 0)]
    [TestCase(429, "soon", 0)]
    [TestCase(500, "120", 0)]
    public async Task RetryAfter_On429Or503_SetsTheNextAttempt_BoundedByTheMaximumDelay(int status, string retryAfter, int expectedSeconds)
    {
        // The harness retries at once (RetryBaseSeconds 0), so any wait here is the destination's Retry-After,
        // capped at MaxRetryDelaySeconds (1 h). Retry-After is read on 429 and 503 only; a 500's is ignored.
        await PutForwardAsync("busy", new { url = receiver.BaseUrl + "/cb" });
        receiver.AnswerNextWithRetryAfter(status, retryAfter);
        await PostAndProcessAsync(Sale);
        var attemptAt = clock.GetUtcNow();

        await trax.DeliverForwardsAsync(maxPasses: 1);

        var delivery = (await DeliveriesAsync("busy")).Single();
        Assert.That(delivery.GetProperty("outcome").GetString(), Is.EqualTo("retrying"));
        Assert.That(delivery.GetProperty("nextAttemptAt").GetDateTimeOffset(), Is.EqualTo(attemptAt.AddSeconds(expectedSeconds)));
        var waiting = (await trax.RawForwardQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        var visible = await trax.ReceiveForwardJobsAsync();
        Assert.That((waiting, visible.Count), Is.EqualTo((1, expectedSeconds > 0 ? 0 : 1)), "the next attempt is queued, hidden until it is due");
    }

    [Test]
    public async Task RetryAfter_PastTheGiveUpTime_DeadLettersTheJob()
    {
        await PutForwardAsync("busy", new { url = receiver.BaseUrl + "/cb" });
        receiver.AnswerAlways(503);
        await PostAndProcessAsync(Sale);
        await trax.DeliverForwardsAsync(maxPasses: 1);
        clock.Advance(TimeSpan.FromHours(23.5));
        receiver.AnswerNextWithRetryAfter(503, "3600");

        await trax.DeliverForwardsAsync(maxPasses: 1);

        var last = (await DeliveriesAsync("busy", "2026-11-26")).First();
        Assert.That(last.GetProperty("outcome").GetString(), Is.EqualTo("failed"), "an attempt an hour later would be past the 24 h");
        Assert.That(last.GetProperty("error").GetString(), Does.Contain("Retry-After 3600 s").And.Contain("gave up after 2 attempts"));
        Assert.That((await trax.RawForwardPoisonQueue.ReceiveMessagesAsync(10)).Value, Has.Length.EqualTo(1));
    }
}
