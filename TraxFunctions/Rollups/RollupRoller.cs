using Microsoft.Extensions.Logging;
using Trax.Storage;

using Trax.PostbackLog;

namespace Trax.Rollups;

/// <summary>
/// Rolls shard-days up: reads the markers first, then the index rows, sums each closed hour by quarter and group and
/// writes the hours whose rollup is not current, each naming the marker version it was read under. A write that lands
/// during the read changes its marker after the version was read, so that rollup is stale at once and the hour is read
/// live until the next roll. Idempotent: rolling again writes nothing for a clean hour, and the same sums otherwise.
/// </summary>
public sealed class RollupRoller(RollupStore store, DayRollupRoller dayRoller, TimeProvider time, ILogger<RollupRoller> logger)
{
    /// <summary>Shard-days rolled at once.</summary>
    private const int Concurrency = 4;

    /// <summary>
    /// Rolls the closed hours of one shard-day that are not current (with <paramref name="force"/>, every closed hour:
    /// a rebuild); the number of hours written.
    /// </summary>
    public async Task<int> RollAsync(DateOnly day, int shard, CancellationToken cancellationToken, bool force = false)
    {
        var partition = PostbackLogKeys.LogPartition(day, shard);
        var dayStart = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var closed = Enumerable.Range(0, 24).Where(h => dayStart.AddHours(h + 1) <= time.GetUtcNow()).ToList();
        var state = await store.ReadStateAsync(partition, cancellationToken);
        var stale = closed.Where(h => force || !state.IsClean(h)).ToList();
        if (stale.Count == 0)
        {
            return 0;
        }

        if (stale.Any(h => state.Rollups.ContainsKey(h) && !state.IsClean(h)))
        {
            // An hour changed since it was rolled: a writer of the previous version touched its hour marker only, so
            // touch the day marker too, or a day row summed before the change would still look current.
            await dayRoller.MarkChangedAsync(partition, cancellationToken);
        }

        // The markers were read above, before the rows: what changes from here on leaves a newer marker.
        var from = dayStart.AddHours(stale[0]);
        var to = dayStart.AddHours(stale[^1] + 1);
        var hours = stale.ToDictionary(h => h, _ => new HourRollup());
        foreach (var row in await store.ReadIndexAsync(partition, from, to, cancellationToken))
        {
            if (hours.TryGetValue(row.ReceivedAt.UtcDateTime.Hour, out var rollup))
            {
                rollup.Add(row);
            }
        }

        await store.WriteAsync(partition, stale.Select(h => (h, state.VersionOf(h), hours[h].Encode())), cancellationToken);
        Log.Rolled(logger, partition, stale.Count);
        return stale.Count;
    }

    /// <summary>Rolls every shard of the UTC days <paramref name="from"/> to <paramref name="to"/>, then those days up a level; the hours written.</summary>
    public async Task<int> RollDaysAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken, bool force = false)
    {
        var written = 0;
        var work = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1)
            .SelectMany(d => Enumerable.Range(0, PostbackLogKeys.LogShards).Select(s => (Day: from.AddDays(d), Shard: s)));
        await Parallel.ForEachAsync(
            work,
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (item, ct) => Interlocked.Add(ref written, await RollAsync(item.Day, item.Shard, ct, force)));

        // Then the closed days whose hours are all current, up a level (DayRollupRoller): a report reads one row a day.
        await dayRoller.RollDaysAsync(from, to, cancellationToken, force);
        return written;
    }
}
