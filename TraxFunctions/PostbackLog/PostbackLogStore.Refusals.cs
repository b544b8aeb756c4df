using Azure.Data.Tables;
using Trax.Core;

namespace Trax.PostbackLog;

/// <summary>
/// The refusals half of the log's reads, for reconciliation: the refused postbacks of a run of UTC days, one
/// row-key-range query per day and shard (the log rows of a partition, filtered on the outcome), never a table scan.
/// </summary>
public sealed partial class PostbackLogStore
{
    /// <summary>Every refused postback's log row of <paramref name="days"/> days from <paramref name="from"/>.</summary>
    public async Task<List<PostbackLogEntry>> ReadRefusedAsync(DateOnly from, int days, int concurrency, CancellationToken cancellationToken)
    {
        var partitions = Enumerable.Range(0, days)
            .SelectMany(d => Enumerable.Range(0, PostbackLogKeys.LogShards).Select(s => PostbackLogKeys.LogPartition(from.AddDays(d), s)));
        var entries = new List<PostbackLogEntry>();
        await Parallel.ForEachAsync(
            partitions,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (partition, ct) =>
            {
                var filter = TableClient.CreateQueryFilter(
                    $"PartitionKey eq {partition} and RowKey lt {PostbackLogKeys.LogRowsEnd} and Outcome eq {PostbackOutcomes.Rejected}");
                var rows = new List<PostbackLogEntry>();
                await foreach (var row in Table.QueryAsync<PostbackLogEntity>(filter, 1000, cancellationToken: ct))
                {
                    rows.Add(row.ToEntry());
                }

                lock (entries)
                {
                    entries.AddRange(rows);
                }
            });
        return entries;
    }
}
