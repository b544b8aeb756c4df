using Trax.Clicks;
using Trax.Rollups;

namespace Trax.Traffic;

/// <summary>
/// Every click counted in a UTC interval, exactly: per UTC day touched and shard, one query reads the markers and
/// rollups; an hour whose rollup is current gives its quarter-hours, and the rest (the open hour, hours not rolled yet,
/// a quarter the interval cuts, a rollup too big to store) are read live from the click rows in one more query for
/// that shard-day (<see cref="HourPlan"/>). Requests: 8 per UTC day, plus one per shard-day with such hours, whatever
/// the number of clicks.
/// </summary>
public sealed class TrafficReader(ClickDayStore store)
{
    private const int Concurrency = 16;

    public async Task<TrafficRead> ReadAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var result = new TrafficRead();
        if (end <= start)
        {
            return result;
        }

        var days = ShardDays.Range(ClickDayKeys.Day(start), ClickDayKeys.Day(end.AddTicks(-1)));
        await ShardDays.ForEachAsync(days, ClickDayKeys.Shards, Concurrency, async (day, shard, ct) =>
        {
            var part = await HourReads.ReadAsync<CountedClick, ClickHourRollup, ClickItem>(
                ClickDayKeys.Partition(day, shard), day, start, end, store.ReadStateAsync, store.ReadClicksAsync, ct);
            result.Add(part);
        }, cancellationToken);
        return result;
    }
}
