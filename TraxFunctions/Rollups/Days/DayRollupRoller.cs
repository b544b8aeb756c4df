using Trax.PostbackLog;

namespace Trax.Rollups;

/// <summary>
/// Rolls closed UTC days up a level: when every hour of the day's 8 shard-days has a current hour rollup, sums them
/// into one row by quarter-hour (0-95) and group (binary: <see cref="DayRowCodec"/>), naming the digest of the 8 day
/// markers read with the hour markers the hour rollups were current under. Derived from the hour rollups, never
/// incremented: a change after the states were read changes a day marker, so the row names an old digest and readers go back to the hour rollups and the index for that day.
/// Idempotent: a day whose row names the current digest is not written again (unless forced: a rebuild).
/// </summary>
public sealed class DayRollupRoller(RollupStore hours, DayRollupStore days, TimeProvider time, ILogger<DayRollupRoller> logger)
{
    /// <summary>Days rolled at once (8 state queries each).</summary>
    private const int Concurrency = 2;

    /// <summary>Rolls one closed day up; true when its row was written.</summary>
    public async Task<bool> RollAsync(DateOnly day, CancellationToken cancellationToken, bool force = false)
    {
        var dayEnd = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        if (dayEnd > time.GetUtcNow())
        {
            return false;
        }

        var states = await Task.WhenAll(Enumerable.Range(0, PostbackLogKeys.LogShards)
            .Select(shard => hours.ReadStateAsync(PostbackLogKeys.LogPartition(day, shard), cancellationToken)));
        var dayMarkers = new Dictionary<int, string>();
        for (var shard = 0; shard < states.Length; shard++)
        {
            for (var hour = 0; hour < 24; hour++)
            {
                if (!states[shard].IsClean(hour) || states[shard].Rollups[hour].Data is null)
                {
                    // An hour not rolled (or too big to roll): the day stays on the first level until it is.
                    return false;
                }
            }

            if (states[shard].DayMarker is { } dayMarker)
            {
                dayMarkers[shard] = dayMarker;
            }
        }

        // The day markers were read in the same queries as the hour markers, before them (HourMarkers.DayRow sorts
        // first): a change after that moves a day marker past this digest.
        var source = DayRollupSource.Of(dayMarkers);
        var hourSource = DayRollupSource.OfHours(states.SelectMany(state => Enumerable.Range(0, 24).Select(state.VersionOf)));
        if (!force && await days.ReadSourceAsync(day, cancellationToken) == (source, hourSource))
        {
            return false;
        }

        var sum = new HourRollup();
        foreach (var state in states)
        {
            for (var hour = 0; hour < 24; hour++)
            {
                foreach (var (quarter, group, quarterSum) in HourRollup.Decode(state.Rollups[hour].Data!).Entries)
                {
                    sum.Add((hour * 4) + quarter, group, quarterSum);
                }
            }
        }

        var conversions = sum.Entries.Sum(entry => entry.Sum.Count);
        await days.WriteAsync(new DayRollup(day, source, null, hourSource, conversions), DayRowCodec.Encode(sum.Entries), cancellationToken);
        Log.RolledDay(logger, day, sum.Count);
        return true;
    }

    /// <summary>
    /// Marks a shard-day's day as changed: the hour roller found an hour changed since it was rolled, which a writer of
    /// the previous version (hour marker only) may have done without touching the day marker.
    /// </summary>
    public Task MarkChangedAsync(string partition, CancellationToken cancellationToken) => days.TouchDayMarkerAsync(partition, cancellationToken);

    /// <summary>Rolls the closed days <paramref name="from"/> to <paramref name="to"/> up; the days written.</summary>
    public async Task<int> RollDaysAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken, bool force = false)
    {
        var written = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, Math.Max(0, to.DayNumber - from.DayNumber + 1)).Select(from.AddDays),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (day, ct) =>
            {
                if (await RollAsync(day, ct, force))
                {
                    Interlocked.Increment(ref written);
                }
            });
        return written;
    }
}
