using Trax.PostbackLog;

namespace Trax.Rollups;

/// <summary>
/// Rolls closed UTC days up a level: when every hour of the day's 8 shard-days has a current hour rollup, sums them
/// into one row by quarter-hour (0-95) and group (binary: <see cref="DayRowCodec"/>), then seals it. Derived from the
/// hour rollups, never incremented. The order makes a sealed row exact while its day has no change mark:
/// <list type="number">
/// <item>read the day's change mark and row (their ETags);</item>
/// <item>read the 8 shard-days' day markers and seals, then their hour markers and rollups (one query each, in key order);</item>
/// <item>seal each shard-day: delete its day marker and move its seal, both as read; a write since moved one of
/// them, and the day stays unsealed;</item>
/// <item>write the row, sealed, over the one read; then delete the change mark as read (a mark made since stays).</item>
/// </list>
/// A writer after step 3 finds no day marker and marks the day changed before it writes
/// (<see cref="PostbackLogStore"/>). Idempotent: a sealed day without a mark or a day marker is not rolled again
/// (unless forced: a rebuild).
/// </summary>
public sealed class DayRollupRoller(RollupStore hours, DayRollupStore days, TimeProvider time, ILogger<DayRollupRoller> logger)
{
    /// <summary>Days rolled at once (8 state queries each).</summary>
    private const int Concurrency = 2;

    /// <summary>Rolls one closed day up; true when its row was written.</summary>
    public async Task<bool> RollAsync(DateOnly day, CancellationToken cancellationToken, bool force = false)
    {
        var dayEnd = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        if (dayEnd > time.GetUtcNow())
        {
            return false;
        }

        var changed = await days.ReadChangedAsync(day, cancellationToken);
        var (row, isSealed) = await days.ReadRowAsync(day, cancellationToken);
        var partitions = Enumerable.Range(0, PostbackLogKeys.LogShards).Select(shard => PostbackLogKeys.LogPartition(day, shard)).ToArray();
        var states = await Task.WhenAll(partitions.Select(partition => hours.ReadStateAsync(partition, cancellationToken)));
        if (!force && isSealed && changed is null && Array.TrueForAll(states, state => state.DayMarker is null))
        {
            // Nothing written since it was sealed. A day marker back without a mark is a writer of the version before
            // seals (an unconditional merge): the day is rolled and sealed again.
            return false;
        }
        foreach (var state in states)
        {
            for (var hour = 0; hour < 24; hour++)
            {
                if (!state.IsClean(hour) || state.Rollups[hour].Data is null)
                {
                    // An hour not rolled (or too big to roll): the day stays on the first level until it is.
                    return false;
                }
            }
        }

        var sum = new HourRollup();
        foreach (var state in states)
        {
            for (var hour = 0; hour < 24; hour++)
            {
                foreach (var (quarter, group, quarterSum) in HourRollup.Decode(state.Rollups[hour].Data!).Entries)
                {
                    sum.Add((hour * 4) + quarter, group, quarterSum);
                }
            }
        }

        var sealedAll = await Task.WhenAll(partitions.Select((partition, shard) =>
            days.SealAsync(partition, states[shard].DayMarker, states[shard].Seal, cancellationToken)));
        var conversions = sum.Entries.Sum(entry => entry.Sum.Count);
        if (!sealedAll.All(done => done)
            || !await days.WriteAsync(new DayRollup(day, null, conversions, Sealed: true), DayRowCodec.Encode(sum.Entries), row, cancellationToken))
        {
            // A write or another roller came between: the day stays on the first level until the next roll.
            Log.DayChangedWhileRolling(logger, day);
            return false;
        }

        if (changed is { } mark)
        {
            await days.ClearChangedAsync(day, mark, cancellationToken);
        }

        Log.RolledDay(logger, day, sum.Count);
        return true;
    }

    /// <summary>
    /// Marks a shard-day's day as changed: the hour roller found an hour changed since it was rolled, which a writer of
    /// a previous version (no day marker, no seal) may have done under a sealed day row.
    /// </summary>
    public Task MarkChangedAsync(string partition, CancellationToken cancellationToken) =>
        PostbackLogKeys.DayOfPartition(partition) is { } day ? days.MarkChangedAsync(day, cancellationToken) : Task.CompletedTask;

    /// <summary>The days from <paramref name="first"/> to <paramref name="last"/> marked changed since their rows were sealed.</summary>
    public Task<List<DateOnly>> MarkedDaysAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken) =>
        days.ReadMarkedDaysAsync(first, last, cancellationToken);

    /// <summary>Opens the 8 shard-days of <paramref name="day"/> before their first writes (<see cref="DayRollupStore.PrepareAsync"/>).</summary>
    public Task PrepareAsync(DateOnly day, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, PostbackLogKeys.LogShards).Select(shard => days.PrepareAsync(PostbackLogKeys.LogPartition(day, shard), cancellationToken)));

    /// <summary>Rolls the closed days <paramref name="from"/> to <paramref name="to"/> up; the days written.</summary>
    public async Task<int> RollDaysAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken, bool force = false)
    {
        var written = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, Math.Max(0, to.DayNumber - from.DayNumber + 1)).Select(from.AddDays),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (day, ct) =>
            {
                if (await RollAsync(day, ct, force))
                {
                    Interlocked.Increment(ref written);
                }
            });
        return written;
    }
}
