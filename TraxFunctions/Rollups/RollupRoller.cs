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
        var written = await HourRolls.RollAsync<DayIndexEntry, HourRollup>(
            partition, day, time.GetUtcNow(), force, store.ReadStateAsync, store.ReadIndexAsync, store.WriteAsync, cancellationToken,
            // An hour changed since it was rolled: a writer of the previous version touched its hour marker only, so
            // touch the day marker too, or a day row summed before the change would still look current.
            dayRoller.MarkChangedAsync);
        if (written > 0)
        {
            Log.Rolled(logger, partition, written);
        }

        return written;
    }

    /// <summary>Rolls every shard of the UTC days <paramref name="from"/> to <paramref name="to"/>, then those days up a level; the hours written.</summary>
    public async Task<int> RollDaysAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken, bool force = false)
    {
        var written = await ShardDays.SumAsync(
            ShardDays.Range(from, to), PostbackLogKeys.LogShards, Concurrency, (day, shard, ct) => RollAsync(day, shard, ct, force), cancellationToken);

        // Then the closed days whose hours are all current, up a level (DayRollupRoller): a report reads one row a day.
        await dayRoller.RollDaysAsync(from, to, cancellationToken, force);
        return written;
    }
}
