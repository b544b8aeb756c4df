namespace Trax.Zones;

/// <summary>
/// A clock hour of a zone day as UTC instants: [first instant whose local time is on or after <c>hh:00</c>, the same
/// for the next hour), as <see cref="Zone.StartOf"/> defines a day. An hour the clocks skip is empty; an hour they
/// repeat holds both passes. The last hour of a day ends where the next day starts.
/// </summary>
public static class ZoneHour
{
    public static (DateTimeOffset Start, DateTimeOffset End) Of(Zone zone, DateOnly day, int hour)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hour);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hour, 23);
        var start = hour == 0 ? zone.StartOf(day) : FirstAtOrAfter(zone, day.ToDateTime(new TimeOnly(hour, 0)));
        var end = hour == 23 ? zone.StartOf(day.AddDays(1)) : FirstAtOrAfter(zone, day.ToDateTime(new TimeOnly(hour + 1, 0)));
        return (start, end < start ? start : end);
    }

    /// <summary>The first instant whose local time in the zone is on or after <paramref name="local"/>.</summary>
    public static DateTimeOffset FirstAtOrAfter(Zone zone, DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.Info.IsAmbiguousTime(local))
        {
            // Shown twice: the first time is at the larger offset.
            return new DateTimeOffset(local.Ticks - zone.Info.GetAmbiguousTimeOffsets(local).Max().Ticks, TimeSpan.Zero);
        }

        if (zone.Info.IsInvalidTime(local))
        {
            // Skipped: the day goes on where the clocks land, the first valid minute after the gap.
            var after = local;
            while (zone.Info.IsInvalidTime(after))
            {
                after = after.AddMinutes(1);
            }

            return new DateTimeOffset(after.Ticks - zone.Info.GetUtcOffset(after).Ticks, TimeSpan.Zero);
        }

        return new DateTimeOffset(local.Ticks - zone.Info.GetUtcOffset(local).Ticks, TimeSpan.Zero);
    }
}
