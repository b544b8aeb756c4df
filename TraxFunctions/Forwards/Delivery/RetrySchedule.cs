namespace Trax.Forwards;

/// <summary>
/// When a failed forward is tried again: exponential back-off from <see cref="DefaultBase"/>, capped at
/// <see cref="DefaultMax"/>, or later when the destination's <c>Retry-After</c> asks (within the same cap), until
/// <see cref="DefaultGiveUpAfter"/> has passed since the first attempt (then the delivery is dead-lettered). A destination that is down for minutes gets its conversions soon after it is back;
/// one that is down for a day is not hammered every minute.
/// </summary>
public static class RetrySchedule
{
    public static readonly TimeSpan DefaultBase = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan DefaultMax = TimeSpan.FromHours(1);

    public static readonly TimeSpan DefaultGiveUpAfter = TimeSpan.FromHours(24);

    /// <summary>
    /// After attempt <paramref name="failedAttempt"/> (1 for the first) failed at <paramref name="now"/>: the time of
    /// the next attempt, <paramref name="baseDelay"/> × 2^(n-1) capped at <paramref name="maxDelay"/> from now, or the
    /// destination's <paramref name="retryAfter"/> when that is longer (also capped at <paramref name="maxDelay"/>: a
    /// destination cannot park a job for a week); or null when that is later than <paramref name="giveUpAfter"/> from
    /// the first attempt.
    /// </summary>
    public static DateTimeOffset? NextAttemptAt(int failedAttempt, DateTimeOffset firstAttemptAt, DateTimeOffset now,
        TimeSpan baseDelay, TimeSpan maxDelay, TimeSpan giveUpAfter, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempt, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, TimeSpan.Zero);

        var delay = Delay(failedAttempt, baseDelay, maxDelay);
        if (retryAfter is { } asked && asked > delay)
        {
            delay = asked < maxDelay ? asked : maxDelay;
        }
        if (delay > DateTimeOffset.MaxValue - now)
        {
            return null; // Past the end of time is past any deadline.
        }

        var next = now + delay;
        // A difference of two dates cannot overflow where firstAttemptAt + giveUpAfter could (a "never" of MaxValue).
        return next - firstAttemptAt > giveUpAfter ? null : next;
    }

    /// <summary>
    /// 408 (timeout), 429 (too many requests) and 5xx: the destination may take the same request later. Other 4xx
    /// will be refused again, and a 3xx is not followed (a redirect could lead anywhere), so retrying is pointless;
    /// a 2xx is not a failure.
    /// </summary>
    public static bool IsRetryable(int statusCode) => statusCode is 408 or 429 or >= 500 and <= 599;

    /// <summary>
    /// How long a destination asked to be left alone (<c>Retry-After</c>, seconds or an HTTP date), on 429 (too many
    /// requests) and 503 (unavailable), the answers it is defined for; null when it did not ask or the value is not
    /// one. A date already past asks for nothing.
    /// </summary>
    public static TimeSpan? RetryAfter(int statusCode, System.Net.Http.Headers.RetryConditionHeaderValue? header, DateTimeOffset now) =>
        statusCode is not (429 or 503) || header is null ? null
        : header.Delta is { } delta ? (delta > TimeSpan.Zero ? delta : TimeSpan.Zero)
        : header.Date is { } date ? (date > now ? date - now : TimeSpan.Zero)
        : null;

    private static TimeSpan Delay(int failedAttempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        if (baseDelay == TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        // base × 2^shift exceeds max exactly when base > floor(max / 2^shift); checked before shifting, it cannot
        // overflow. A shift over 62 would wrap (C# masks it to 6 bits), and any base > 0 has passed the cap by then.
        var shift = failedAttempt - 1;
        if (shift > 62 || baseDelay.Ticks > maxDelay.Ticks >> shift)
        {
            return maxDelay;
        }

        return TimeSpan.FromTicks(baseDelay.Ticks << shift);
    }
}
