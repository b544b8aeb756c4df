using Trax.Forwards;

namespace Trax.Tests.Forwards;

/// <summary>
/// Never a next attempt once the give-up time since the first attempt has passed, and never an overflow near the end of
/// time.
/// </summary>
public sealed partial class RetryScheduleTests
{
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
}
