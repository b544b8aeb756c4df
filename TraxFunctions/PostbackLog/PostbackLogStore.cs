using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Trax.Storage;

namespace Trax.PostbackLog;

/// <summary>
/// The PostbackLog table: one row per postback with its outcome, and the per-day index of stored conversions
/// beside it (see <see cref="PostbackLogKeys.LogPartition(DateOnly, int)"/> for the key scheme). It writes what it is told —
/// the outcome is the processor's decision, never read or recomputed here — and answers the log and report queries.
/// </summary>
public sealed partial class PostbackLogStore(TableClient table) : TableStore(table)
{
    /// <summary>
    /// Writes a postback's log row by <paramref name="rule"/>, and its conversion's day-index row when it has one.
    /// A new conversion's index row goes in the same transaction as its log row (same partition): insert-if-absent,
    /// because the conversion may have been indexed already (a redelivery, a re-attribution, a newer state); if so,
    /// the index row is merged instead, with a final log row in the same transaction.
    /// </summary>
    public async Task WriteAsync(PostbackLogEntry entry, LogWrite rule, DayIndexEntry? index, CancellationToken cancellationToken)
    {
        var row = PostbackLogEntity.From(entry);
        if (index is null)
        {
            await WriteRowAsync(row, rule, cancellationToken);
            return;
        }

        var indexRow = DayIndexEntity.From(index);
        if (indexRow.PartitionKey != row.PartitionKey)
        {
            // An update's log row is in its own day's partition; the index row is in the creator's.
            await WriteRowAsync(row, rule, cancellationToken);
            await MergeAsync(index, null, cancellationToken);
            return;
        }

        try
        {
            await SubmitMarkedAsync(
                indexRow.PartitionKey,
                [
                    new TableTransactionAction(rule == LogWrite.Replace ? TableTransactionActionType.UpsertReplace : TableTransactionActionType.Add, row),
                    new TableTransactionAction(TableTransactionActionType.Add, indexRow),
                    HourMarkers.Touch(indexRow.PartitionKey, indexRow.ReceivedAt),
                ],
                cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.ErrorCode == TableErrorCode.EntityAlreadyExists)
        {
            if (rule == LogWrite.Replace)
            {
                await MergeAsync(index, row, cancellationToken);
            }
            else
            {
                // A tentative row (an orphan's) is inserted only if absent: it cannot ride in a transaction that may replace.
                await WriteRowAsync(row, rule, cancellationToken);
                await MergeAsync(index, null, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Replaces the log row of a final outcome and merges its conversion's day-index row, in one transaction: for a
    /// conversion that is most likely indexed already (a re-attribution), one read and one write.
    /// </summary>
    public async Task WriteMergingAsync(PostbackLogEntry entry, DayIndexEntry index, CancellationToken cancellationToken)
    {
        var row = PostbackLogEntity.From(entry);
        if (row.PartitionKey == DayIndexEntity.From(index).PartitionKey)
        {
            await MergeAsync(index, row, cancellationToken);
            return;
        }

        await WriteAsync(entry, LogWrite.Replace, index, cancellationToken);
    }

    /// <summary>
    /// Records a refused request; false when the row could not be written within <paramref name="timeout"/>. Never
    /// throws: the refusal is decided, and a storage problem must not turn it into a 5xx.
    /// </summary>
    public async Task<bool> TryAddRejectedAsync(PostbackLogEntry entry, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget.CancelAfter(timeout);
            await Table.AddEntityAsync(PostbackLogEntity.From(entry), budget.Token);
            return true;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Deletes one day's log rows (its day-index rows stay: reports may reach further back than the log).</summary>
    public async Task<int> DeleteLogRowsAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var deleted = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, PostbackLogKeys.LogShards),
            new ParallelOptions { MaxDegreeOfParallelism = PostbackLogKeys.LogShards, CancellationToken = cancellationToken },
            async (shard, ct) => Interlocked.Add(ref deleted, await DeleteLogRowsAsync(PostbackLogKeys.LogPartition(day, shard), ct)));
        return deleted;
    }

    /// <summary>
    /// What the filter made for each partition of <paramref name="days"/> UTC days from <paramref name="from"/> finds,
    /// mapped: one query per day and shard, <paramref name="concurrency"/> at once, in no order.
    /// </summary>
    private async Task<List<T>> ReadDaysAsync<TEntity, T>(
        DateOnly from, int days, int concurrency, Func<string, string> filter, Func<TEntity, T> map, CancellationToken cancellationToken)
        where TEntity : class, ITableEntity
    {
        var entries = new List<T>();
        await Parallel.ForEachAsync(
            PostbackLogKeys.LogPartitions(from, from.AddDays(days - 1)),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (partition, ct) =>
            {
                var rows = new List<T>();
                await foreach (var row in Table.QueryAsync<TEntity>(filter(partition), 1000, cancellationToken: ct))
                {
                    rows.Add(map(row));
                }

                lock (entries)
                {
                    entries.AddRange(rows);
                }
            });
        return entries;
    }

    private async Task WriteRowAsync(PostbackLogEntity row, LogWrite rule, CancellationToken cancellationToken)
    {
        if (rule == LogWrite.Replace)
        {
            await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
            return;
        }

        // The first write wins: a tentative outcome never replaces what is there.
        await TryInsertAsync(row, cancellationToken);
    }

    private Task<int> DeleteLogRowsAsync(string partition, CancellationToken cancellationToken) =>
        DeleteRowsAsync(partition, TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {PostbackLogKeys.LogRowsEnd}"), cancellationToken);
}
