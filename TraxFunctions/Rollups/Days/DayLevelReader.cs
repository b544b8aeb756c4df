using Trax.PostbackLog;

namespace Trax.Rollups;

/// <summary>
/// The second level of <see cref="RollupReader"/>: the day rows of a range and their days' change marks, in one query
/// (<see cref="DayRollupStore.ReadDaysAsync"/>). A closed day whose row is sealed and has no change mark gives its
/// quarter-hours inside the interval, decoded from binary straight into items (<see cref="DayRowCodec"/>: the groups
/// once per row, no text parsed per entry). No marker is read: a change to a sealed day marks it before it lands
/// (<see cref="PostbackLog.HourMarkers.SealRow"/>), so one request covers any number of days and conversions.
/// </summary>
public static class DayLevelReader
{
    private static readonly long QuarterTicks = TimeSpan.FromMinutes(15).Ticks;

    /// <summary>
    /// Adds the items of each day whose row can be trusted to <paramref name="result"/>; the days it gave. With a
    /// <paramref name="fold"/>, each row's entries are summed as the caller sums them before they become items.
    /// </summary>
    public static async Task<HashSet<DateOnly>> ReadAsync(
        DayRollupStore days, DateOnly first, DateOnly last, DateTimeOffset start, DateTimeOffset end, RollupRead result, RollupFold? fold,
        CancellationToken cancellationToken)
    {
        var (rows, changed) = await days.ReadDaysAsync(first, last, cancellationToken);
        var rolled = new HashSet<DateOnly>();
        foreach (var row in rows.Values.OrderBy(row => row.Day))
        {
            var dayStart = new DateTimeOffset(row.Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            if (!row.Sealed || changed.Contains(row.Day) || row.Data is null
                || CutsInsideAQuarter(start, dayStart, dayStart.AddDays(1)) || CutsInsideAQuarter(end, dayStart, dayStart.AddDays(1))
                || DayRowCodec.Decode(row.Data) is not { } decoded)
            {
                continue;
            }

            rolled.Add(row.Day);
            result.RolledDays++;
            result.RolledHours += PostbackLogKeys.LogShards * Enumerable.Range(0, 24).Count(h => dayStart.AddHours(h + 1) > start && dayStart.AddHours(h) < end);
            var (firstQuarter, endQuarter) = (QuarterIn(start, dayStart), QuarterIn(end, dayStart));
            if (fold is not null)
            {
                fold.AddFolded(decoded, dayStart, firstQuarter, endQuarter, result.Items);
                continue;
            }

            result.Items.EnsureCapacity(result.Items.Count + decoded.Entries.Length);
            foreach (var entry in decoded.Entries)
            {
                if (entry.Quarter >= firstQuarter && entry.Quarter < endQuarter)
                {
                    result.Items.Add(new RollupItem(dayStart.AddTicks(entry.Quarter * QuarterTicks), decoded.Groups[entry.Group], entry.Sum));
                }
            }
        }

        return rolled;
    }

    private static bool CutsInsideAQuarter(DateTimeOffset instant, DateTimeOffset dayStart, DateTimeOffset dayEnd) =>
        instant > dayStart && instant < dayEnd && instant.UtcTicks % QuarterTicks != 0;

    /// <summary>The quarter of the day an instant (on a quarter boundary) starts, clamped to 0-96.</summary>
    private static long QuarterIn(DateTimeOffset instant, DateTimeOffset dayStart) =>
        Math.Clamp((instant.UtcTicks - dayStart.UtcTicks) / QuarterTicks, 0, 96);
}
