using Trax.Clicks;

namespace Trax.Traffic;

/// <summary>
/// Every click counted in a UTC interval, exactly: per UTC day touched and shard, one query reads the markers and
/// rollups; an hour whose rollup is current gives its quarter-hours, and the rest (the open hour, hours not rolled yet,
/// a quarter the interval cuts, a rollup too big to store) are read live from the click rows in one more query for
/// that shard-day. Requests: 8 per UTC day, plus one per shard-day with such hours, whatever the number of clicks.
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

        var first = ClickDayKeys.Day(start);
        var last = ClickDayKeys.Day(end.AddTicks(-1));
        var work = Enumerable.Range(0, last.DayNumber - first.DayNumber + 1)
            .SelectMany(d => Enumerable.Range(0, ClickDayKeys.Shards).Select(s => (Day: first.AddDays(d), Shard: s)));
        await Parallel.ForEachAsync(
            work,
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                var part = await ReadShardDayAsync(item.Day, item.Shard, start, end, ct);
                lock (result)
                {
                    result.Items.AddRange(part.Items);
                    result.RolledHours += part.RolledHours;
                    result.LiveHours += part.LiveHours;
                }
            });
        return result;
    }

    private async Task<TrafficRead> ReadShardDayAsync(DateOnly day, int shard, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var partition = ClickDayKeys.Partition(day, shard);
        var dayStart = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var state = await store.ReadStateAsync(partition, cancellationToken);
        var part = new TrafficRead();
        var live = new List<int>();
        for (var hour = 0; hour < 24; hour++)
        {
            var hourStart = dayStart.AddHours(hour);
            if (hourStart.AddHours(1) <= start || hourStart >= end)
            {
                continue;
            }

            if (!state.IsClean(hour) || state.Rollups[hour].Data is not { } data || !QuartersWhole(hourStart, start, end))
            {
                live.Add(hour);
                continue;
            }

            part.RolledHours++;
            foreach (var (quarter, group, sum) in ClickHourRollup.Decode(data).Entries)
            {
                var at = hourStart.AddMinutes(15 * quarter);
                if (at >= start && at < end)
                {
                    part.Items.Add(new ClickItem(at, group, sum));
                }
            }
        }

        if (live.Count > 0)
        {
            part.LiveHours = live.Count;
            var from = Max(start, dayStart.AddHours(live[0]));
            var to = Min(end, dayStart.AddHours(live[^1] + 1));
            foreach (var click in await store.ReadClicksAsync(partition, from, to, cancellationToken))
            {
                if (live.Contains(click.ClickedAt.UtcDateTime.Hour))
                {
                    part.Items.Add(new ClickItem(click.ClickedAt, TrafficGroup.Of(click), ClickSum.One(click.Cost)));
                }
            }
        }

        return part;
    }

    /// <summary>True when each quarter of the hour is wholly inside or wholly outside [start, end).</summary>
    private static bool QuartersWhole(DateTimeOffset hourStart, DateTimeOffset start, DateTimeOffset end) =>
        Enumerable.Range(0, 4).All(q =>
        {
            var (qs, qe) = (hourStart.AddMinutes(15 * q), hourStart.AddMinutes(15 * (q + 1)));
            return (qs >= start && qe <= end) || qe <= start || qs >= end;
        });

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
