using Trax.PostbackLog;

namespace Trax.Rollups;

/// <summary>
/// The second level of <see cref="RollupReader"/>: the day rows of a range (one query) and each shard's day markers
/// over it (8 queries, keys only, one row a shard-day: one page each up to 1,000 days). A closed day whose row names
/// the digest of its 8 day markers as they are now gives its quarter-hours inside the interval, decoded from binary
/// straight into items (<see cref="DayRowCodec"/>: the groups once per row, no text parsed per entry).
/// </summary>
public static class DayLevelReader
{
    private static readonly long QuarterTicks = TimeSpan.FromMinutes(15).Ticks;

    /// <summary>
    /// Adds the items of each day whose row is current to <paramref name="result"/>; the days it gave. The markers are
    /// read with the rows (not before them): a row names the digest its hour rollups were current under, so a day
    /// marker touched at any time after that differs from it, whenever the row was written. With a
    /// <paramref name="fold"/>, each row's entries are summed as the caller sums them before they become items.
    /// </summary>
    public static async Task<HashSet<DateOnly>> ReadAsync(DayRollupStore days, DateOnly first, DateOnly last, DateTimeOffset start, DateTimeOffset end, RollupRead result, RollupFold? fold, CancellationToken cancellationToken)
    {
        var rowsRead = days.ReadDaysAsync(first, last, cancellationToken);
        var markersRead = Enumerable.Range(0, PostbackLogKeys.LogShards).Select(shard => days.ReadDayMarkersAsync(shard, first, last, cancellationToken)).ToList();
        var rows = await rowsRead;
        var markers = await Task.WhenAll(markersRead);
        var rolled = new HashSet<DateOnly>();
        foreach (var (day, row) in rows.OrderBy(r => r.Key))
        {
            var dayStart = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var dayEnd = dayStart.AddDays(1);
            if (row.Data is not { } data || CutsInsideAQuarter(start, dayStart, dayEnd) || CutsInsideAQuarter(end, dayStart, dayEnd))
            {
                continue;
            }

            var dayMarkers = new Dictionary<int, string>();
            for (var shard = 0; shard < markers.Length; shard++)
            {
                if (markers[shard].TryGetValue(day, out var etag))
                {
                    dayMarkers[shard] = etag;
                }
            }

            if (DayRollupSource.Of(dayMarkers) != row.Source || DayRowCodec.Decode(data) is not { } decoded)
            {
                continue;
            }

            rolled.Add(day);
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
