using Trax.Storage;

using Trax.PostbackLog;

namespace Trax.Rollups;

/// <summary>
/// Everything counted in a UTC interval, exactly. Over two UTC days or more it first reads the second level
/// (<see cref="DayLevelReader"/>): the day rows of the range (one query) and each shard's day markers over the range
/// (8 queries); a closed day whose row names the digest of its day markers as they are now gives its quarter-hours.
/// Every other day (today, a day changed since its row was made, a day not rolled up yet or too big, a day the
/// interval cuts inside a quarter) is read per shard-day: one query reads the markers and hour rollups
/// (<see cref="RollupStore.ReadStateAsync"/>); an hour whose rollup is current gives its quarter-hours, and the rest
/// (the open hour, hours not rolled yet or changed since, a quarter the interval cuts, a rollup too big to store) are
/// read live from the index in one more query for that shard-day. Requests: 1 + 8 (one page each up to 1,000 days) for
/// the rolled days, plus 8 or 16 per day that is not, whatever the number of conversions.
/// </summary>
public sealed class RollupReader(RollupStore store, DayRollupStore days)
{
    private const int Concurrency = 16;

    /// <summary>From this many UTC days on, the day rows and the markers (9 queries) beat 8 state queries a day.</summary>
    private const int DayLevelFrom = 2;

    public async Task<RollupRead> ReadAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var result = new RollupRead();
        if (end <= start)
        {
            return result;
        }

        var first = PostbackLogKeys.LogDay(start);
        var last = PostbackLogKeys.LogDay(end.AddTicks(-1));
        var rolledDays = last.DayNumber - first.DayNumber + 1 >= DayLevelFrom
            ? await DayLevelReader.ReadAsync(days, first, last, start, end, result, cancellationToken)
            : [];
        var work = Enumerable.Range(0, last.DayNumber - first.DayNumber + 1)
            .Select(first.AddDays)
            .Where(day => !rolledDays.Contains(day))
            .SelectMany(day => Enumerable.Range(0, PostbackLogKeys.LogShards).Select(s => (Day: day, Shard: s)));
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
                    if (part.LiveHours > 0)
                    {
                        result.LiveShardDays.Add((item.Day, item.Shard));
                    }
                }
            });
        return result;
    }

    private async Task<RollupRead> ReadShardDayAsync(DateOnly day, int shard, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var partition = PostbackLogKeys.LogPartition(day, shard);
        var dayStart = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var state = await store.ReadStateAsync(partition, cancellationToken);
        var part = new RollupRead();
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
            foreach (var (quarter, group, sum) in HourRollup.Decode(data).Entries)
            {
                var at = hourStart.AddMinutes(15 * quarter);
                if (at >= start && at < end)
                {
                    part.Items.Add(new RollupItem(at, group, sum));
                }
            }
        }

        if (live.Count > 0)
        {
            part.LiveHours = live.Count;
            var from = Max(start, dayStart.AddHours(live[0]));
            var to = Min(end, dayStart.AddHours(live[^1] + 1));
            foreach (var row in await store.ReadIndexAsync(partition, from, to, cancellationToken))
            {
                if (live.Contains(row.ReceivedAt.UtcDateTime.Hour))
                {
                    part.Items.Add(new RollupItem(row.ReceivedAt, HourRollup.GroupOf(row), RollupSum.One(row.Payout)));
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
