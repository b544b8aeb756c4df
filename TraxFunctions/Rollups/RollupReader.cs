using Trax.Storage;

using Trax.PostbackLog;

namespace Trax.Rollups;

/// <summary>
/// Everything counted in a UTC interval, exactly. Over two UTC days or more it first reads the second level
/// (<see cref="DayLevelReader"/>): the day rows of the range and their days' change marks (one query); a closed day
/// whose row is sealed and not marked changed since gives its quarter-hours.
/// Every other day (today, a day changed since its row was made, a day not rolled up yet or too big, a day the
/// interval cuts inside a quarter) is read per shard-day: one query reads the markers and hour rollups
/// (<see cref="RollupStore.ReadStateAsync"/>); an hour whose rollup is current gives its quarter-hours, and the rest
/// (the open hour, hours not rolled yet or changed since, a quarter the interval cuts, a rollup too big to store) are
/// read live from the index in one more query for that shard-day. Requests: 1 for the rolled days of any range up to
/// 400 days (one page up to 1,000 rows), plus 8 or 16 per day that is not, whatever the number of conversions.
/// </summary>
public sealed class RollupReader(RollupStore store, DayRollupStore days)
{
    private const int Concurrency = 16;

    /// <summary>From this many UTC days on, the day rows (1 query) are read before 8 state queries a day.</summary>
    private const int DayLevelFrom = 2;

    public Task<RollupRead> ReadAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken) =>
        ReadAsync(start, end, null, cancellationToken);

    /// <summary>
    /// The items of [<paramref name="start"/>, <paramref name="end"/>); with a <paramref name="fold"/>, the day rows'
    /// entries summed per day and group as the caller sums them (the other levels' items are few and stay as they are).
    /// </summary>
    public async Task<RollupRead> ReadAsync(DateTimeOffset start, DateTimeOffset end, RollupFold? fold, CancellationToken cancellationToken)
    {
        var result = new RollupRead();
        if (end <= start)
        {
            return result;
        }

        var first = PostbackLogKeys.LogDay(start);
        var last = PostbackLogKeys.LogDay(end.AddTicks(-1));
        var rolledDays = last.DayNumber - first.DayNumber + 1 >= DayLevelFrom
            ? await DayLevelReader.ReadAsync(days, first, last, start, end, result, fold, cancellationToken)
            : [];
        var liveDays = ShardDays.Range(first, last).Where(day => !rolledDays.Contains(day));
        await ShardDays.ForEachAsync(liveDays, PostbackLogKeys.LogShards, Concurrency, async (day, shard, ct) =>
        {
            var part = await HourReads.ReadAsync<DayIndexEntry, HourRollup, RollupItem>(
                PostbackLogKeys.LogPartition(day, shard), day, start, end, store.ReadStateAsync, store.ReadIndexAsync, ct);
            result.Add(part);
            if (part.LiveHours > 0)
            {
                lock (result.LiveShardDays)
                {
                    result.LiveShardDays.Add((day, shard));
                }
            }
        }, cancellationToken);
        return result;
    }
}
