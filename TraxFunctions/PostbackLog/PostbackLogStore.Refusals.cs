using Azure.Data.Tables;
using Trax.Core;
using Trax.Zones;

namespace Trax.PostbackLog;

/// <summary>
/// The refusals half of the log's reads, both bounded: for reconciliation, the refused postbacks of a run of UTC days
/// (the columns its explanations use); for the overview, their reasons. Each walks the 8 shards in parallel, one
/// row-key-range query per day and shard (the log rows of a partition, filtered on the outcome), never a table scan,
/// and stops a shard at its share: a flood of bad postbacks must not make either read millions of rows.
/// </summary>
public sealed partial class PostbackLogStore
{
    /// <summary>What a refused row's explanation in a reconciliation reads: not its body, headers or states.</summary>
    private static readonly string[] RefusalColumns =
    [
        nameof(PostbackLogEntity.PostbackId), nameof(PostbackLogEntity.ReceivedAt), nameof(PostbackLogEntity.Type),
        nameof(PostbackLogEntity.Outcome), nameof(PostbackLogEntity.ClickId), nameof(PostbackLogEntity.Network),
        nameof(PostbackLogEntity.TxId), nameof(PostbackLogEntity.Reason), nameof(PostbackLogEntity.Query),
    ];

    /// <summary>
    /// The refused postbacks' log rows of <paramref name="days"/> UTC days from <paramref name="from"/>, at most
    /// <paramref name="perShard"/> from each shard (each shard's days in order): Complete is false when a shard had more.
    /// </summary>
    public async Task<(List<PostbackLogEntry> Refused, bool Complete)> ReadRefusedAsync(
        DateOnly from, int days, int perShard, CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return await ReadRefusedAsync<PostbackLogEntity, PostbackLogEntry>(
            start, start.AddDays(days), perShard, RefusalColumns, row => row.ToEntry(), cancellationToken);
    }

    /// <summary>
    /// The reasons of the refused postbacks received in [<paramref name="start"/>, <paramref name="end"/>), at most
    /// <paramref name="perShard"/> from each shard, reading only the Reason column of the rows in the interval's key
    /// range. Complete is false when a shard had more, so the reasons are then some of them, not all.
    /// </summary>
    public Task<(List<string?> Reasons, bool Complete)> ReadRefusalReasonsAsync(
        DateTimeOffset start, DateTimeOffset end, int perShard, CancellationToken cancellationToken) =>
        ReadRefusedAsync<TableEntity, string?>(start, end, perShard, ["Reason"], row => row.GetString("Reason"), cancellationToken);

    private async Task<(List<T> Rows, bool Complete)> ReadRefusedAsync<TEntity, T>(
        DateTimeOffset start, DateTimeOffset end, int perShard, string[] columns, Func<TEntity, T> map, CancellationToken cancellationToken)
        where TEntity : class, ITableEntity
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, PostbackLogKeys.LogShards)
            .Select(shard => ReadShardRefusedAsync(shard, start, end, perShard, columns, map, cancellationToken)));
        return ([.. shards.SelectMany(s => s.Rows)], shards.All(s => s.Complete));
    }

    /// <summary>One shard's walk over the interval's UTC days; it reads one row beyond its share to know there are more.</summary>
    private async Task<(List<T> Rows, bool Complete)> ReadShardRefusedAsync<TEntity, T>(
        int shard, DateTimeOffset start, DateTimeOffset end, int max, string[] columns, Func<TEntity, T> map, CancellationToken cancellationToken)
        where TEntity : class, ITableEntity
    {
        var (first, last) = ZoneDayRange.UtcDaysOf(start, end);
        var (from, to) = PostbackLogKeys.LogRowRange(start, end);
        var rows = new List<T>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {PostbackLogKeys.LogPartition(day, shard)} and RowKey ge {from} and RowKey lt {to} and Outcome eq {PostbackOutcomes.Rejected}");
            string? token = null;
            do
            {
                // Each request asks for no more than the share still open, and one row beyond it.
                var size = Math.Min(1000, max + 1 - rows.Count);
                var next = token;
                token = null;
                await foreach (var page in Table.QueryAsync<TEntity>(filter, size, columns, cancellationToken).AsPages(next, size))
                {
                    rows.AddRange(page.Values.Select(map));
                    token = page.ContinuationToken;
                    break;
                }

                if (rows.Count > max)
                {
                    return (rows.GetRange(0, max), false);
                }
            }
            while (token is not null);
        }

        return (rows, true);
    }
}
