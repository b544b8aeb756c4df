using System.Globalization;
using System.Text;
using Azure;
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
    /// <summary>Cursor of a shard with nothing left to read.</summary>
    private const string Done = "~";

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
            await Table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(rule == LogWrite.Replace ? TableTransactionActionType.UpsertReplace : TableTransactionActionType.Add, row),
                    new TableTransactionAction(TableTransactionActionType.Add, indexRow),
                    HourMarkers.Touch(indexRow.PartitionKey, indexRow.ReceivedAt),
                    HourMarkers.TouchDay(indexRow.PartitionKey),
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

    /// <summary>
    /// One page of a day's log, newest first. Each page reads the day's shards from where the previous page stopped
    /// (one cursor per shard, carried in the continuation token) and merges them by row key, which is inverted
    /// receipt time: the order is global.
    /// </summary>
    public async Task<LogPage> ReadPageAsync(LogQuery query, CancellationToken cancellationToken)
    {
        var cursors = query.ContinuationToken is null ? new string?[PostbackLogKeys.LogShards] : DecodeToken(query.ContinuationToken, query.Date)!;
        var shards = await Task.WhenAll(Enumerable.Range(0, PostbackLogKeys.LogShards).Select(s => ReadShardAsync(query, s, cursors[s], cancellationToken)));
        var merged = shards
            .SelectMany((shard, s) => shard.Rows.Select(row => (Shard: s, Row: row)))
            .OrderBy(x => x.Row.RowKey, StringComparer.Ordinal)
            .Take(query.Limit)
            .ToList();

        // A shard's cursor moves to the last row taken from it; it is done when all it had were taken.
        var next = new string[PostbackLogKeys.LogShards];
        for (var s = 0; s < PostbackLogKeys.LogShards; s++)
        {
            var taken = merged.Where(x => x.Shard == s).Select(x => x.Row.RowKey).ToList();
            next[s] = shards[s].Exhausted && taken.Count == shards[s].Rows.Count
                ? Done
                : taken.Count > 0 ? taken[^1] : cursors[s] ?? "";
        }

        return new LogPage([.. merged.Select(x => x.Row.ToEntry())], next.All(c => c == Done) ? null : EncodeToken(query.Date, next));
    }

    /// <summary>Whether a continuation token was issued by <see cref="ReadPageAsync"/> for this day.</summary>
    public static bool IsValidToken(string token, DateOnly date) => DecodeToken(token, date) is not null;

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

    private async Task<(List<PostbackLogEntity> Rows, bool Exhausted)> ReadShardAsync(LogQuery query, int shard, string? cursor, CancellationToken cancellationToken)
    {
        if (cursor == Done)
        {
            return ([], true);
        }

        var filter = Filter(query, PostbackLogKeys.LogPartition(query.Date, shard), cursor);
        var rows = new List<PostbackLogEntity>();
        await foreach (var page in Table.QueryAsync<PostbackLogEntity>(filter, query.Limit, cancellationToken: cancellationToken).AsPages())
        {
            rows.AddRange(page.Values);
            if (page.ContinuationToken is null)
            {
                return (rows, true);
            }

            if (rows.Count >= query.Limit)
            {
                return (rows, false);
            }
        }

        return (rows, true);
    }

    private static string Filter(LogQuery query, string partition, string? cursor)
    {
        var from = "";
        var to = PostbackLogKeys.LogRowsEnd;
        if (query.Hour is { } hour)
        {
            var start = new DateTimeOffset(query.Date.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
            (from, to) = PostbackLogKeys.LogRowRange(start, start.AddHours(1));
        }

        var parts = new List<string>
        {
            TableClient.CreateQueryFilter($"PartitionKey eq {partition}"),
            TableClient.CreateQueryFilter($"RowKey ge {from}"),
            TableClient.CreateQueryFilter($"RowKey lt {to}"),
        };
        if (!string.IsNullOrEmpty(cursor))
        {
            parts.Add(TableClient.CreateQueryFilter($"RowKey gt {cursor}"));
        }

        if (query.Outcome is { } outcome)
        {
            parts.Add(TableClient.CreateQueryFilter($"Outcome eq {outcome}"));
        }

        if (query.Type is { } type)
        {
            parts.Add(TableClient.CreateQueryFilter($"Type eq {type}"));
        }

        if (query.Network is { } network)
        {
            parts.Add(TableClient.CreateQueryFilter($"Network eq {network}"));
        }

        if (query.Reason is { } reason)
        {
            parts.Add(TableClient.CreateQueryFilter($"Reason eq {reason}"));
        }

        return string.Join(" and ", parts);
    }

    private Task<int> DeleteLogRowsAsync(string partition, CancellationToken cancellationToken) =>
        DeleteRowsAsync(partition, TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {PostbackLogKeys.LogRowsEnd}"), cancellationToken);

    /// <summary>Opaque to clients: the day and each shard's cursor (a row key, empty, or done).</summary>
    internal static string EncodeToken(DateOnly date, IReadOnlyList<string> cursors) =>
        ContinuationToken.Encode([date.ToString("yyyyMMdd", CultureInfo.InvariantCulture), .. cursors]);

    internal static string?[]? DecodeToken(string token, DateOnly date)
    {
        var parts = ContinuationToken.Decode(token);
        if (parts is null || parts.Length != PostbackLogKeys.LogShards + 1 || parts[0] != date.ToString("yyyyMMdd", CultureInfo.InvariantCulture))
        {
            return null;
        }

        // A log row key starts with a digit; anything else a client could send would read outside the log rows.
        var cursors = parts[1..];
        return cursors.All(c => c.Length == 0 || c == Done || (char.IsAsciiDigit(c[0]) && string.CompareOrdinal(c, PostbackLogKeys.LogRowsEnd) < 0))
            ? cursors
            : null;
    }
}
