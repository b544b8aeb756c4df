using Trax.Clicks;
using Trax.Rollups;

namespace Trax.Traffic;

/// <summary>
/// Rolls the clicks of shard-days up, as the conversion rollups do: reads the markers first, then the click rows,
/// sums each closed hour by quarter and group and writes the hours whose rollup is not current, each naming the marker
/// version it was read under. A click counted during the read changes its marker after that version was read, so that
/// rollup is stale at once and the hour is read live until the next roll. Idempotent: rolling again writes nothing
/// for a clean hour, and the same sums otherwise.
/// </summary>
public sealed class TrafficRoller(ClickDayStore store, TimeProvider time, ILogger<TrafficRoller> logger)
{
    private const int Concurrency = 4;

    /// <summary>Rolls the closed hours of one shard-day that are not current (<paramref name="force"/>: every closed hour); the hours written.</summary>
    public async Task<int> RollAsync(DateOnly day, int shard, CancellationToken cancellationToken, bool force = false)
    {
        var partition = ClickDayKeys.Partition(day, shard);
        var written = await HourRolls.RollAsync<CountedClick, ClickHourRollup>(
            partition, day, time.GetUtcNow(), force, store.ReadStateAsync, store.ReadClicksAsync, store.WriteRollupsAsync, cancellationToken);
        if (written > 0)
        {
            Log.Rolled(logger, partition, written);
        }

        return written;
    }

    /// <summary>Rolls every shard of the UTC days <paramref name="from"/> to <paramref name="to"/>; the hours written.</summary>
    public Task<int> RollDaysAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken, bool force = false) =>
        ShardDays.SumAsync(
            ShardDays.Range(from, to), ClickDayKeys.Shards, Concurrency, (day, shard, ct) => RollAsync(day, shard, ct, force), cancellationToken);
}
