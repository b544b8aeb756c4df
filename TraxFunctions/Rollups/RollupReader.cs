using Trax.Storage;

using Trax.PostbackLog;

namespace Trax.Rollups;

/// <summary>
/// Everything counted in a UTC interval, exactly. Over two UTC days or more it first reads the second level: the day
/// rows of the range (one query, <see cref="DayRollupStore.ReadDaysAsync"/>) and each shard's hour markers over the
/// range (8 queries); a closed day whose row names the digest of its markers as they are now gives its quarter-hours.
/// Every other day (today, a day changed since its row was made, a day not rolled up yet or too big, a day the
/// interval cuts inside a quarter) is read per shard-day: one query reads the markers and hour rollups
/// (<see cref="RollupStore.ReadStateAsync"/>); an hour whose rollup is current gives its quarter-hours, and the rest
/// (the open hour, hours not rolled yet or changed since, a quarter the interval cuts, a rollup too big to store) are
/// read live from the index in one more query for that shard-day. Requests: 1 + 8 (paged: 1,000 markers a page) for
/// the rolled days, plus 8 or 16 per day that is not, whatever the number of conversions.
/// </summary>
public sealed class RollupReader(RollupStore store, DayRollupStore days)
{
    private const int Concurrency = 16;

    /// <summary>From this many UTC days on, the day rows and the markers (9 queries) beat 8 state queries a day.</summary>
    private const int DayLevelFrom = 2;

    private static readonly long QuarterTicks = TimeSpan.FromMinutes(15).Ticks;

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
            ? await ReadDayRowsAsync(first, last, start, end, result, cancellationToken)
            : [];
        var days = ShardDays.Range(first, last).Where(day => !rolledDays.Contains(day));
        await ShardDays.ForEachAsync(days, PostbackLogKeys.LogShards, Concurrency, async (day, shard, ct) =>
        {
            var part = await ReadShardDayAsync(day, shard, start, end, ct);
            lock (result)
            {
                result.Items.AddRange(part.Items);
                result.RolledHours += part.RolledHours;
                result.LiveHours += part.LiveHours;
                if (part.LiveHours > 0)
                {
                    result.LiveShardDays.Add((day, shard));
                }
            }
        }, cancellationToken);
        return result;
    }

    /// <summary>
    /// The second level: adds the items of each day whose row is current to <paramref name="result"/>; the days it gave.
    /// The markers are read with the rows (not before them): a row names the digest its hour rollups were current
    /// under, so a marker written at any time after that differs from it, whenever the row was written.
    /// </summary>
    private async Task<HashSet<DateOnly>> ReadDayRowsAsync(DateOnly first, DateOnly last, DateTimeOffset start, DateTimeOffset end, RollupRead result, CancellationToken cancellationToken)
    {
        var rowsRead = days.ReadDaysAsync(first, last, cancellationToken);
        var markersRead = Enumerable.Range(0, PostbackLogKeys.LogShards).Select(shard => days.ReadMarkersAsync(shard, first, last, cancellationToken)).ToList();
        var rows = await rowsRead;
        var markers = (await Task.WhenAll(markersRead))
            .SelectMany((list, shard) => list.Select(m => (m.Day, Shard: shard, m.Hour, m.ETag)))
            .ToLookup(m => m.Day);
        var rolled = new HashSet<DateOnly>();
        foreach (var (day, row) in rows.OrderBy(r => r.Key))
        {
            var dayStart = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var dayEnd = dayStart.AddDays(1);
            if (row.Data is not { } data || CutsInsideAQuarter(start, dayStart, dayEnd) || CutsInsideAQuarter(end, dayStart, dayEnd)
                || DayRollupSource.Of(markers[day].Select(m => (m.Shard, m.Hour, m.ETag))) != row.Source)
            {
                continue;
            }

            rolled.Add(day);
            result.RolledDays++;
            result.RolledHours += PostbackLogKeys.LogShards * Enumerable.Range(0, 24).Count(h => dayStart.AddHours(h + 1) > start && dayStart.AddHours(h) < end);
            foreach (var (quarter, group, sum) in HourRollup.Decode(data).Entries)
            {
                var at = dayStart.AddMinutes(15 * quarter);
                if (at >= start && at < end)
                {
                    result.Items.Add(new RollupItem(at, group, sum));
                }
            }
        }

        return rolled;
    }

    private static bool CutsInsideAQuarter(DateTimeOffset instant, DateTimeOffset dayStart, DateTimeOffset dayEnd) =>
        instant > dayStart && instant < dayEnd && instant.UtcTicks % QuarterTicks != 0;

    private async Task<RollupRead> ReadShardDayAsync(DateOnly day, int shard, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var partition = PostbackLogKeys.LogPartition(day, shard);
        var plan = HourPlan.Of(await store.ReadStateAsync(partition, cancellationToken), day, start, end);
        var part = new RollupRead { RolledHours = plan.Rolled.Count, LiveHours = plan.LiveHours };
        foreach (var (hourStart, data) in plan.Rolled)
        {
            part.Items.AddRange(HourRollup.Decode(data).Within(hourStart, start, end).Select(e => new RollupItem(e.At, e.Group, e.Sum)));
        }

        if (plan.LiveSpan is var (from, to))
        {
            foreach (var row in await store.ReadIndexAsync(partition, from, to, cancellationToken))
            {
                if (plan.IsLive(row.ReceivedAt))
                {
                    part.Items.Add(new RollupItem(row.ReceivedAt, HourRollup.GroupOf(row), RollupSum.One(row.Payout)));
                }
            }
        }

        return part;
    }
}
