using Trax.Forwards;

namespace Trax.Tests.Forwards;

/// <summary>
/// When a failed forward is tried again: 1 min, 2, 4, … doubling up to 1 h (or a 429's or 503's longer Retry-After,
/// up to the same 1 h), and never once 24 h have passed since the first attempt. Expected delays here are worked out from that rule, not read from the class.
/// </summary>
public sealed class RetryScheduleTests
{
    private static readonly DateTimeOffset First = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Test]
    public void Defaults_AreOneMinuteDoublingToOneHour_GivingUpAfterADay()
    {
        Assert.That(RetrySchedule.DefaultBase, Is.EqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(RetrySchedule.DefaultMax, Is.EqualTo(TimeSpan.FromHours(1)));
        Assert.That(RetrySchedule.DefaultGiveUpAfter, Is.EqualTo(TimeSpan.FromHours(24)));
    }

    [Test]
    public void Defaults_MatchTheOptionsDefaults()
    {
        var options = new ForwardingOptions();

        Assert.That(TimeSpan.FromSeconds(options.RetryBaseSeconds), Is.EqualTo(RetrySchedule.DefaultBase));
        Assert.That(TimeSpan.FromSeconds(options.MaxRetryDelaySeconds), Is.EqualTo(RetrySchedule.DefaultMax));
        Assert.That(TimeSpan.FromHours(options.GiveUpAfterHours), Is.EqualTo(RetrySchedule.DefaultGiveUpAfter));
    }

    [TestCase(1, 1)]
    [TestCase(2, 2)]
    [TestCase(3, 4)]
    [TestCase(4, 8)]
    [TestCase(5, 16)]
    [TestCase(6, 32)]
    [TestCase(7, 60)] // 64 min, capped
    [TestCase(8, 60)]
    [TestCase(20, 60)]
    public void Delay_DoublesFromOneMinute_UpToOneHour(int failedAttempt, int minutes)
    {
        // "now" right after the first attempt, so that the deadline plays no part.
        Assert.That(DelayAfter(failedAttempt), Is.EqualTo(TimeSpan.FromMinutes(minutes)));
    }

    [TestCase(30)]
    [TestCase(31)]
    [TestCase(32)]
    [TestCase(62)]
    [TestCase(63)]
    [TestCase(64)]
    [TestCase(65)]
    [TestCase(100)]
    [TestCase(1_000)]
    [TestCase(int.MaxValue)]
    public void Delay_LargeAttemptNumbers_StayAtTheCap_WithoutOverflowing(int failedAttempt)
    {
        Assert.That(DelayAfter(failedAttempt), Is.EqualTo(TimeSpan.FromHours(1)));
    }

    [Test]
    public void Delay_IsNeverShorterForALaterAttempt()
    {
        var delays = Enumerable.Range(1, 200).Select(DelayAfter).ToList();

        Assert.That(delays, Is.Ordered);
        Assert.That(delays, Has.All.LessThanOrEqualTo(TimeSpan.FromHours(1)));
    }

    [TestCase(62, 1L << 61)]
    [TestCase(63, 1L << 62)]
    [TestCase(64, long.MaxValue)] // 2^63 ticks would be one past TimeSpan.MaxValue
    [TestCase(65, long.MaxValue)]
    public void Delay_OneTickBase_UncappedMax_DoublesToTheLastBitThenCaps(int failedAttempt, long ticks)
    {
        var next = RetrySchedule.NextAttemptAt(failedAttempt, DateTimeOffset.MinValue, DateTimeOffset.MinValue,
            TimeSpan.FromTicks(1), TimeSpan.MaxValue, TimeSpan.MaxValue);

        var expected = DateTimeOffset.MinValue.Ticks + ticks <= DateTimeOffset.MaxValue.Ticks
            ? DateTimeOffset.MinValue.AddTicks(ticks)
            : (DateTimeOffset?)null;
        Assert.That(next, Is.EqualTo(expected));
    }

    [TestCase(1, 7, 7)]
    [TestCase(2, 7, 14)]
    [TestCase(3, 7, 28)]
    [TestCase(4, 7, 50)] // 56, capped
    [TestCase(1, 90, 50)] // a base above the cap is capped at once
    public void Delay_OtherBaseAndCap_FollowTheSameRule(int failedAttempt, int baseSeconds, int seconds)
    {
        var next = RetrySchedule.NextAttemptAt(failedAttempt, First, First,
            TimeSpan.FromSeconds(baseSeconds), TimeSpan.FromSeconds(50), TimeSpan.FromDays(1));

        Assert.That(next - First, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [Test]
    public void Delay_CapNotAPowerOfTwoTimesTheBase_IsReachedExactly()
    {
        // 3 × 2^n ticks against a cap of 100 ticks: 3, 6, 12, 24, 48, 96, then 100 (192 would pass it).
        var delays = Enumerable.Range(1, 8).Select(n => RetrySchedule.NextAttemptAt(n, First, First,
            TimeSpan.FromTicks(3), TimeSpan.FromTicks(100), TimeSpan.FromDays(1))!.Value - First).Select(d => d.Ticks);

        Assert.That(delays, Is.EqualTo(new long[] { 3, 6, 12, 24, 48, 96, 100, 100 }));
    }

    [Test]
    public void Delay_ZeroBase_RetriesAtOnce()
    {
        Assert.That(RetrySchedule.NextAttemptAt(5, First, First, TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.FromHours(1)), Is.EqualTo(First));
    }

    [Test]
    public void Delay_ZeroCap_RetriesAtOnce()
    {
        Assert.That(RetrySchedule.NextAttemptAt(3, First, First, Minute, TimeSpan.Zero, TimeSpan.FromHours(1)), Is.EqualTo(First));
    }

    [Test]
    public void NextAttemptAt_IsCountedFromNow_NotFromTheFirstAttempt()
    {
        var now = First.AddHours(3);

        Assert.That(Next(3, now), Is.EqualTo(now.AddMinutes(4)));
    }

    [Test]
    public void NextAttemptAt_KeepsTheOffsetsInstant()
    {
        var now = new DateTimeOffset(2026, 11, 25, 14, 0, 0, TimeSpan.FromHours(2));

        Assert.That(Next(1, now)!.Value.UtcDateTime, Is.EqualTo(new DateTime(2026, 11, 25, 12, 1, 0, DateTimeKind.Utc)));
    }

    [Test]
    public void GiveUp_ANextAttemptExactlyAtTheDeadline_IsStillMade()
    {
        var now = First.AddHours(23); // + 1 h (capped) = exactly 24 h after the first attempt

        Assert.That(Next(10, now), Is.EqualTo(First.AddHours(24)));
    }

    [Test]
    public void GiveUp_ANextAttemptOneTickPastTheDeadline_IsNotMade()
    {
        var now = First.AddHours(23).AddTicks(1);

        Assert.That(Next(10, now), Is.Null);
    }

    [Test]
    public void GiveUp_EvenAShortDelay_IsNotMadePastTheDeadline()
    {
        var now = First.AddHours(24).AddSeconds(-30);

        Assert.That(Next(1, now), Is.Null, "a 1 min delay from 30 s before the deadline ends past it");
        Assert.That(Next(1, First.AddHours(24).AddMinutes(-1)), Is.EqualTo(First.AddHours(24)));
    }

    [Test]
    public void GiveUp_FailingAtEveryScheduledAttempt_StopsWithinADay()
    {
        // The first attempt at t = 0, each next one when scheduled: 1+2+4+8+16+32 = 63 min after six failures, then
        // hourly. Failure n (n ≥ 7) is at 63 + 60(n−7) min; its retry would be at 63 + 60(n−6), which first passes
        // 1440 min (24 h) for n = 29: 28 retries, 29 attempts in all, the last at 23 h 03 min.
        var attempts = new List<DateTimeOffset> { First };
        for (var failed = 1; failed < 1_000; failed++)
        {
            if (Next(failed, attempts[^1]) is not { } next)
            {
                break;
            }

            attempts.Add(next);
        }

        Assert.That(attempts, Has.Count.EqualTo(29));
        Assert.That(attempts[^1] - First, Is.EqualTo(TimeSpan.FromMinutes(63 + 60 * 22)));
        Assert.That(attempts.Zip(attempts.Skip(1), (a, b) => b - a).Take(7),
            Is.EqualTo(new[] { 1, 2, 4, 8, 16, 32, 60 }.Select(m => TimeSpan.FromMinutes(m))));
    }

    [Test]
    public void GiveUp_ALongGiveUp_IsNotOverflowedByTheFirstAttemptNearTheEndOfTime()
    {
        var first = DateTimeOffset.MaxValue.AddDays(-1);

        var next = RetrySchedule.NextAttemptAt(1, first, first, Minute, TimeSpan.FromHours(1), TimeSpan.MaxValue);

        Assert.That(next, Is.EqualTo(first.AddMinutes(1)));
    }

    [Test]
    public void GiveUp_ANextAttemptPastTheEndOfTime_IsNull_NotAnOverflow()
    {
        var now = DateTimeOffset.MaxValue.AddSeconds(-30);

        DateTimeOffset? next = null;
        Assert.DoesNotThrow(() => next = RetrySchedule.NextAttemptAt(1, now, now, Minute, TimeSpan.FromHours(1), TimeSpan.MaxValue));
        Assert.That(next, Is.Null);
    }

    [Test]
    public void GiveUp_ZeroGiveUp_RetriesOnlyWithNoDelay()
    {
        Assert.That(RetrySchedule.NextAttemptAt(1, First, First, Minute, TimeSpan.FromHours(1), TimeSpan.Zero), Is.Null);
        Assert.That(RetrySchedule.NextAttemptAt(1, First, First, TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.Zero), Is.EqualTo(First));
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(int.MinValue)]
    public void NextAttemptAt_AnAttemptBeforeTheFirst_Throws(int failedAttempt)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Next(failedAttempt, First));
    }

    [Test]
    public void NextAttemptAt_NegativeDelays_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            RetrySchedule.NextAttemptAt(1, First, First, TimeSpan.FromTicks(-1), TimeSpan.FromHours(1), TimeSpan.FromHours(24)));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            RetrySchedule.NextAttemptAt(1, First, First, Minute, TimeSpan.FromTicks(-1), TimeSpan.FromHours(24)));
    }

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

    private static DateTimeOffset? Next(int failedAttempt, DateTimeOffset now) =>
        RetrySchedule.NextAttemptAt(failedAttempt, First, now, RetrySchedule.DefaultBase, RetrySchedule.DefaultMax, RetrySchedule.DefaultGiveUpAfter);

    private static TimeSpan DelayAfter(int failedAttempt) => Next(failedAttempt, First)!.Value - First;
}
