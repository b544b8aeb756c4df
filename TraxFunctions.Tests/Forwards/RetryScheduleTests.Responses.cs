using Trax.Forwards;

namespace Trax.Tests.Forwards;

/// <summary>
/// What a destination's answer changes: which failures are retried, and a 429's or 503's Retry-After.
/// </summary>
public sealed partial class RetryScheduleTests
{
    [TestCase(408)]
    [TestCase(429)]
    [TestCase(500)]
    [TestCase(502)]
    [TestCase(503)]
    [TestCase(504)]
    [TestCase(599)]
    public void IsRetryable_TimeoutsThrottlingAndServerErrors(int status)
    {
        Assert.That(RetrySchedule.IsRetryable(status), Is.True);
    }

    [TestCase(0)]
    [TestCase(-500)]
    [TestCase(100)]
    [TestCase(200)]
    [TestCase(204)]
    [TestCase(301)]
    [TestCase(302)]
    [TestCase(307)]
    [TestCase(400)]
    [TestCase(401)]
    [TestCase(403)]
    [TestCase(404)]
    [TestCase(407)]
    [TestCase(409)]
    [TestCase(410)]
    [TestCase(428)]
    [TestCase(430)]
    [TestCase(499)]
    [TestCase(600)]
    [TestCase(999)]
    public void IsRetryable_EverythingElse_IsNot(int status)
    {
        Assert.That(RetrySchedule.IsRetryable(status), Is.False);
    }

    [TestCase(1, 30, 1)] // asks less than the schedule's 1 min: the schedule's wait stands
    [TestCase(1, 300, 5)] // asks more: waited for
    [TestCase(3, 600, 10)] // the schedule's 4 min < 10 min
    [TestCase(1, 86_400, 60)] // a day: capped at the schedule's maximum, 1 h
    [TestCase(8, 0, 60)] // nothing asked: the schedule (capped) stands
    public void Delay_WithRetryAfter_IsTheLongerOfTheTwo_NeverPastTheMaximum(int failedAttempt, int retryAfterSeconds, int minutes)
    {
        var next = RetrySchedule.NextAttemptAt(failedAttempt, First, First, RetrySchedule.DefaultBase, RetrySchedule.DefaultMax,
            RetrySchedule.DefaultGiveUpAfter, TimeSpan.FromSeconds(retryAfterSeconds));

        Assert.That(next - First, Is.EqualTo(TimeSpan.FromMinutes(minutes)));
    }

    [Test]
    public void Delay_WithRetryAfterPastTheGiveUpTime_GivesUp()
    {
        var now = First.AddHours(23.5);

        var next = RetrySchedule.NextAttemptAt(30, First, now, RetrySchedule.DefaultBase, RetrySchedule.DefaultMax,
            RetrySchedule.DefaultGiveUpAfter, TimeSpan.FromMinutes(45));

        Assert.That(next, Is.Null);
    }

    [TestCase(429, "120", 120)]
    [TestCase(503, "120", 120)]
    [TestCase(503, "0", 0)]
    [TestCase(429, "Wed, 25 Nov 2026 12:10:00 GMT", 600)]
    [TestCase(429, "Wed, 25 Nov 2026 11:00:00 GMT", 0)] // a date already past asks for nothing
    public void RetryAfter_On429Or503_IsTheWaitAsked(int status, string header, int seconds)
    {
        var value = System.Net.Http.Headers.RetryConditionHeaderValue.Parse(header);

        Assert.That(RetrySchedule.RetryAfter(status, value, First), Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [TestCase(500)]
    [TestCase(502)]
    [TestCase(408)]
    [TestCase(200)]
    [TestCase(301)]
    public void RetryAfter_OnOtherStatuses_IsNotAsked(int status)
    {
        Assert.That(RetrySchedule.RetryAfter(status, System.Net.Http.Headers.RetryConditionHeaderValue.Parse("120"), First), Is.Null);
    }

    [Test]
    public void RetryAfter_Missing_IsNotAsked()
    {
        Assert.That(RetrySchedule.RetryAfter(429, null, First), Is.Null);
    }
}
