using Trax.Storage;

namespace Trax.Rollups;

/// <summary>
/// One shard-day's part of an interval, for the conversion and the click rollups alike (<see cref="HourPlan"/>): one
/// query reads the markers and rollups; an hour whose rollup is current gives its quarter-hours, and the other hours
/// are read live from the rows in one more query. The table's two reads are passed in: each store keeps its own keys.
/// </summary>
public static class HourReads
{
    /// <summary>The items of [<paramref name="start"/>, <paramref name="end"/>) in the shard-day, and how many hours came from rollups and how many live.</summary>
    public static async Task<(List<TItem> Items, int RolledHours, int LiveHours)> ReadAsync<TRow, TRollup, TItem>(
        string partition,
        DateOnly day,
        DateTimeOffset start,
        DateTimeOffset end,
        Func<string, CancellationToken, Task<HourRollupState>> readState,
        Func<string, DateTimeOffset, DateTimeOffset, CancellationToken, Task<List<TRow>>> readRows,
        CancellationToken cancellationToken)
        where TRollup : IHourRollup<TRow>, IHourItems<TRow, TItem>
    {
        var plan = HourPlan.Of(await readState(partition, cancellationToken), day, start, end);
        var items = new List<TItem>();
        foreach (var (hourStart, data) in plan.Rolled)
        {
            items.AddRange(TRollup.ItemsWithin(data, hourStart, start, end));
        }

        if (plan.LiveSpan is var (from, to))
        {
            foreach (var row in await readRows(partition, from, to, cancellationToken))
            {
                if (plan.IsLive(TRollup.TimeOf(row)))
                {
                    items.Add(TRollup.ItemOf(row));
                }
            }
        }

        return (items, plan.Rolled.Count, plan.LiveHours);
    }
}
