using Trax.PostbackLog;

namespace Trax.Rollups;

/// <summary>
/// The second level of <see cref="RollupReader"/>: the day rows of a range (one query), then the day markers of the
/// days they cover, read one of two ways (<see cref="RollupOptions.DayMarkerPointReadsFrom"/>): one query per shard
/// (8 requests, keys only, one page each up to 1,000 days; the server reads the shard's log and index rows of the range
/// to find them) while the days hold few conversions, one point read per shard-day (8 × days requests, a seek each)
/// once they hold many. A closed day whose row names the digest of its 8 day markers as they are now gives its
/// quarter-hours inside the interval, decoded from binary straight into items (<see cref="DayRowCodec"/>: the groups
/// once per row, no text parsed per entry).
/// </summary>
public static class DayLevelReader
{
    private const int PointReadConcurrency = 16;

    private static readonly long QuarterTicks = TimeSpan.FromMinutes(15).Ticks;

    /// <summary>
    /// Adds the items of each day whose row is current to <paramref name="result"/>; the days it gave. The markers are
    /// read after the rows: a row names the digest its hour rollups were current under, so a day marker touched at any
    /// time after that differs from it, whenever the row was written. With a <paramref name="fold"/>, each row's
    /// entries are summed as the caller sums them before they become items.
    /// </summary>
    public static async Task<HashSet<DateOnly>> ReadAsync(
        DayRollupStore days, DateOnly first, DateOnly last, DateTimeOffset start, DateTimeOffset end, RollupRead result, RollupFold? fold,
        int pointReadsFrom, CancellationToken cancellationToken)
    {
        var candidates = new List<DayRollup>();
        foreach (var row in (await days.ReadDaysAsync(first, last, cancellationToken)).Values.OrderBy(row => row.Day))
        {
            var dayStart = new DateTimeOffset(row.Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            if (row.Data is not null && !CutsInsideAQuarter(start, dayStart, dayStart.AddDays(1)) && !CutsInsideAQuarter(end, dayStart, dayStart.AddDays(1)))
            {
                candidates.Add(row);
            }
        }

        var rolled = new HashSet<DateOnly>();
        if (candidates.Count == 0)
        {
            return rolled;
        }

        // Rows that say how many conversions they sum let the markers be read while the rows are decoded; a row written
        // before they said so is decoded first and counted.
        var markersRead = candidates.TrueForAll(row => row.Conversions is not null)
            ? ReadMarkersAsync(days, first, last, [.. candidates.Select(row => row.Day)], candidates.Sum(row => row.Conversions!.Value), pointReadsFrom, cancellationToken)
            : null;
        var usable = new SortedDictionary<DateOnly, (string Source, DayRow Row)>();
        foreach (var row in candidates)
        {
            if (DayRowCodec.Decode(row.Data!) is { } decoded)
            {
                usable[row.Day] = (row.Source, decoded);
            }
        }

        markersRead ??= ReadMarkersAsync(
            days, first, last, [.. usable.Keys], usable.Values.Sum(u => u.Row.Entries.Sum(entry => entry.Sum.Count)), pointReadsFrom, cancellationToken);
        var markers = await markersRead;
        foreach (var (day, (source, decoded)) in usable)
        {
            var dayMarkers = new Dictionary<int, string>();
            for (var shard = 0; shard < markers.Length; shard++)
            {
                if (markers[shard].TryGetValue(day, out var etag))
                {
                    dayMarkers[shard] = etag;
                }
            }

            if (DayRollupSource.Of(dayMarkers) != source)
            {
                continue;
            }

            var dayStart = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
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

    /// <summary>
    /// Each shard's day markers (by day) for <paramref name="dayRows"/>: by query while they sum fewer than
    /// <paramref name="pointReadsFrom"/> conversions per shard-day on average (what a query reads grows with them), else
    /// by point read (what a point read costs does not).
    /// </summary>
    private static async Task<Dictionary<DateOnly, string>[]> ReadMarkersAsync(
        DayRollupStore days, DateOnly first, DateOnly last, IReadOnlyCollection<DateOnly> dayRows, long conversions, int pointReadsFrom,
        CancellationToken cancellationToken)
    {
        if (conversions < (long)pointReadsFrom * PostbackLogKeys.LogShards * dayRows.Count)
        {
            return await Task.WhenAll(Enumerable.Range(0, PostbackLogKeys.LogShards).Select(shard => days.ReadDayMarkersAsync(shard, first, last, cancellationToken)));
        }

        var markers = Enumerable.Range(0, PostbackLogKeys.LogShards).Select(_ => new Dictionary<DateOnly, string>()).ToArray();
        await ShardDays.ForEachAsync(dayRows, PostbackLogKeys.LogShards, PointReadConcurrency, async (day, shard, ct) =>
        {
            if (await days.ReadDayMarkerAsync(day, shard, ct) is { } etag)
            {
                lock (markers[shard])
                {
                    markers[shard][day] = etag;
                }
            }
        }, cancellationToken);
        return markers;
    }

    private static bool CutsInsideAQuarter(DateTimeOffset instant, DateTimeOffset dayStart, DateTimeOffset dayEnd) =>
        instant > dayStart && instant < dayEnd && instant.UtcTicks % QuarterTicks != 0;

    /// <summary>The quarter of the day an instant (on a quarter boundary) starts, clamped to 0-96.</summary>
    private static long QuarterIn(DateTimeOffset instant, DateTimeOffset dayStart) =>
        Math.Clamp((instant.UtcTicks - dayStart.UtcTicks) / QuarterTicks, 0, 96);
}
