using Trax.Forwards;

namespace Trax.Tests.Forwards;

/// <summary>
/// When a failed forward is tried again: 1 min, 2, 4, … doubling up to 1 h (or a 429's or 503's longer Retry-After,
/// up to the same 1 h), and never once 24 h have passed since the first attempt. Expected delays here are worked out from that rule, not read from the class.
/// </summary>
public sealed partial class RetryScheduleTests
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

    private static DateTimeOffset? Next(int failedAttempt, DateTimeOffset now) =>
        RetrySchedule.NextAttemptAt(failedAttempt, First, now, RetrySchedule.DefaultBase, RetrySchedule.DefaultMax, RetrySchedule.DefaultGiveUpAfter);

    private static TimeSpan DelayAfter(int failedAttempt) => Next(failedAttempt, First)!.Value - First;
}
