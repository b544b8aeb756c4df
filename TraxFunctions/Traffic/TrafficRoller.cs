using Microsoft.Extensions.Logging;
using Trax.Clicks;

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
        var dayStart = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var closed = Enumerable.Range(0, 24).Where(h => dayStart.AddHours(h + 1) <= time.GetUtcNow()).ToList();
        var state = await store.ReadStateAsync(partition, cancellationToken);
        var stale = closed.Where(h => force || !state.IsClean(h)).ToList();
        if (stale.Count == 0)
        {
            return 0;
        }

        // The markers were read above, before the rows: what is counted from here on leaves a newer marker.
        var hours = stale.ToDictionary(h => h, _ => new ClickHourRollup());
        foreach (var click in await store.ReadClicksAsync(partition, dayStart.AddHours(stale[0]), dayStart.AddHours(stale[^1] + 1), cancellationToken))
        {
            if (hours.TryGetValue(click.ClickedAt.UtcDateTime.Hour, out var rollup))
            {
                rollup.Add(click);
            }
        }

        await store.WriteRollupsAsync(partition, stale.Select(h => (h, state.VersionOf(h), hours[h].Encode())), cancellationToken);
        Log.Rolled(logger, partition, stale.Count);
        return stale.Count;
    }

    /// <summary>Rolls every shard of the UTC days <paramref name="from"/> to <paramref name="to"/>; the hours written.</summary>
    public async Task<int> RollDaysAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken, bool force = false)
    {
        var written = 0;
        var work = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1)
            .SelectMany(d => Enumerable.Range(0, ClickDayKeys.Shards).Select(s => (Day: from.AddDays(d), Shard: s)));
        await Parallel.ForEachAsync(
            work,
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (item, ct) => Interlocked.Add(ref written, await RollAsync(item.Day, item.Shard, ct, force)));
        return written;
    }
}
