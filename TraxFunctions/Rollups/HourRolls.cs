using Trax.Storage;

namespace Trax.Rollups;

/// <summary>
/// One shard-day's roll, for the conversion and the click rollups alike: reads the markers first, then the rows of the
/// hours to write (<see cref="HourPlan.Stale"/>), sums each hour and writes it naming the marker version it was read
/// under. A row written during the read changes its marker after that version was read, so that rollup is stale at
/// once. The table's three operations are passed in: each store keeps its own keys.
/// </summary>
public static class HourRolls
{
    /// <summary>The hours written.</summary>
    public static async Task<int> RollAsync<TRow, TRollup>(
        string partition,
        DateOnly day,
        DateTimeOffset now,
        bool force,
        Func<string, CancellationToken, Task<HourRollupState>> readState,
        Func<string, DateTimeOffset, DateTimeOffset, CancellationToken, Task<List<TRow>>> readRows,
        Func<string, IEnumerable<(int Hour, string Source, string Data)>, CancellationToken, Task> write,
        CancellationToken cancellationToken,
        Func<string, CancellationToken, Task>? changedSinceRolled = null)
        where TRollup : IHourRollup<TRow>, new()
    {
        var state = await readState(partition, cancellationToken);
        var stale = HourPlan.Stale(state, day, now, force);
        if (stale.Count == 0)
        {
            return 0;
        }

        if (changedSinceRolled is not null && stale.Any(h => state.Rollups.ContainsKey(h) && !state.IsClean(h)))
        {
            await changedSinceRolled(partition, cancellationToken);
        }

        // The markers were read above, before the rows: what changes from here on leaves a newer marker.
        var dayStart = HourPlan.StartOf(day);
        var hours = stale.ToDictionary(h => h, _ => new TRollup());
        foreach (var row in await readRows(partition, dayStart.AddHours(stale[0]), dayStart.AddHours(stale[^1] + 1), cancellationToken))
        {
            if (hours.TryGetValue(TRollup.TimeOf(row).UtcDateTime.Hour, out var rollup))
            {
                rollup.Add(row);
            }
        }

        await write(partition, stale.Select(h => (h, state.VersionOf(h), hours[h].Encode())), cancellationToken);
        return stale.Count;
    }
}
