using Azure.Data.Tables;
using Trax.Core;
using Trax.Zones;

namespace Trax.PostbackLog;

/// <summary>
/// The refusals half of the log's reads: for reconciliation, the refused postbacks of a run of UTC days; for the
/// overview, a bounded read of their reasons. Each is one row-key-range query per day and shard (the log rows of a
/// partition, filtered on the outcome), never a table scan.
/// </summary>
public sealed partial class PostbackLogStore
{
    /// <summary>Every refused postback's log row of <paramref name="days"/> days from <paramref name="from"/>.</summary>
    public Task<List<PostbackLogEntry>> ReadRefusedAsync(DateOnly from, int days, int concurrency, CancellationToken cancellationToken) =>
        ReadDaysAsync<PostbackLogEntity, PostbackLogEntry>(
            from, days, concurrency,
            partition => TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and RowKey lt {PostbackLogKeys.LogRowsEnd} and Outcome eq {PostbackOutcomes.Rejected}"),
            row => row.ToEntry(),
            cancellationToken);

    /// <summary>
    /// The reasons of the refused postbacks received in [<paramref name="start"/>, <paramref name="end"/>), at most
    /// <paramref name="perShard"/> from each shard: the 8 shards in parallel, each walking the UTC days the interval
    /// touches and reading only the Reason column of the rows in its key range. Complete is false when a shard had more
    /// (it reads one row beyond its share to know), so the reasons are then some of them, not all.
    /// </summary>
    public async Task<(List<string?> Reasons, bool Complete)> ReadRefusalReasonsAsync(
        DateTimeOffset start, DateTimeOffset end, int perShard, CancellationToken cancellationToken)
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, PostbackLogKeys.LogShards)
            .Select(shard => ReadShardReasonsAsync(shard, start, end, perShard, cancellationToken)));
        return ([.. shards.SelectMany(s => s.Reasons)], shards.All(s => s.Complete));
    }

    private async Task<(List<string?> Reasons, bool Complete)> ReadShardReasonsAsync(
        int shard, DateTimeOffset start, DateTimeOffset end, int max, CancellationToken cancellationToken)
    {
        var (first, last) = ZoneDayRange.UtcDaysOf(start, end);
        var (from, to) = PostbackLogKeys.LogRowRange(start, end);
        var reasons = new List<string?>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {PostbackLogKeys.LogPartition(day, shard)} and RowKey ge {from} and RowKey lt {to} and Outcome eq {PostbackOutcomes.Rejected}");
            string? token = null;
            do
            {
                // Each request asks for no more than the share still open, and one row beyond it.
                var size = Math.Min(1000, max + 1 - reasons.Count);
                var next = token;
                token = null;
                await foreach (var page in Table.QueryAsync<TableEntity>(filter, size, ["Reason"], cancellationToken).AsPages(next, size))
                {
                    reasons.AddRange(page.Values.Select(row => row.GetString("Reason")));
                    token = page.ContinuationToken;
                    break;
                }

                if (reasons.Count > max)
                {
                    return (reasons.GetRange(0, max), false);
                }
            }
            while (token is not null);
        }

        return (reasons, true);
    }
}
