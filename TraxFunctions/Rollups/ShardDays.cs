namespace Trax.Rollups;

/// <summary>
/// Work over the shard-day partitions of a range of UTC days (the postback log's and the clicks' both spread a day
/// over 8 shards): one call per shard of each day, a few at once.
/// </summary>
public static class ShardDays
{
    /// <summary>The UTC days <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    public static IEnumerable<DateOnly> Range(DateOnly first, DateOnly last) =>
        Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays);

    /// <summary>Runs <paramref name="body"/> for each shard of each of <paramref name="days"/>, at most <paramref name="concurrency"/> at once.</summary>
    public static Task ForEachAsync(
        IEnumerable<DateOnly> days, int shards, int concurrency, Func<DateOnly, int, CancellationToken, Task> body, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            days.SelectMany(day => Enumerable.Range(0, shards).Select(shard => (Day: day, Shard: shard))),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (item, ct) => await body(item.Day, item.Shard, ct));

    /// <summary>Runs <paramref name="body"/> as <see cref="ForEachAsync"/> does; the sum of what the calls returned (the hours a roll wrote).</summary>
    public static async Task<int> SumAsync(
        IEnumerable<DateOnly> days, int shards, int concurrency, Func<DateOnly, int, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        var total = 0;
        await ForEachAsync(days, shards, concurrency, async (day, shard, ct) => Interlocked.Add(ref total, await body(day, shard, ct)), cancellationToken);
        return total;
    }
}
