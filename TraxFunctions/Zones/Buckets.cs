namespace Trax.Zones;

/// <summary>
/// The UTC time buckets that rollups sum over: <see cref="Size"/> long, counted from 0001-01-01T00:00Z, so bucket
/// <c>n</c> starts at <c>n × 15 min</c> after it. Fifteen minutes is the largest size that divides every day of every
/// IANA zone (offsets of :30 and :45 exist) from 1972 on; a report in any zone is then a whole number of buckets a day
/// (<see cref="ZoneDay.IsAligned"/>; docs/reports.md has the scan).
/// </summary>
public static class Buckets
{
    public static readonly TimeSpan Size = TimeSpan.FromMinutes(15);

    /// <summary>The bucket an instant falls in.</summary>
    public static long IndexOf(DateTimeOffset instant) => instant.UtcTicks / Size.Ticks;

    /// <summary>The first bucket that starts at or after <paramref name="instant"/>.</summary>
    public static long FirstAtOrAfter(DateTimeOffset instant) => (instant.UtcTicks + Size.Ticks - 1) / Size.Ticks;

    public static DateTimeOffset StartOf(long bucket) => new(bucket * Size.Ticks, TimeSpan.Zero);

    /// <summary>True when a bucket starts exactly at <paramref name="instant"/>.</summary>
    public static bool IsBoundary(DateTimeOffset instant) => instant.UtcTicks % Size.Ticks == 0;
}
