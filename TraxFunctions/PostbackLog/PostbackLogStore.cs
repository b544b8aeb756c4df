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
        var (from, to) = ("", PostbackLogKeys.LogRowsEnd);
        if (query.Hour is { } hour)
        {
            var start = new DateTimeOffset(query.Date.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
            (from, to) = PostbackLogKeys.LogRowRange(start, start.AddHours(1));
        }

        List<string> partitions = [.. PostbackLogKeys.LogPartitions(query.Date, query.Date)];
        var cursors = query.ContinuationToken is null ? new string?[partitions.Count] : DecodeToken(query.ContinuationToken, query.Date)!;
        return await ReadMergedPageAsync(query, partitions, from, to, DayScope(query.Date), cursors, cancellationToken);
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

    /// <summary>
    /// One page of the rows in [<paramref name="from"/>, <paramref name="to"/>) of <paramref name="partitions"/>, each
    /// read from its cursor and merged by row key (inverted receipt ticks in every partition: newest first across them
    /// all); the token names <paramref name="scope"/> and each partition's next cursor.
    /// </summary>
    private async Task<LogPage> ReadMergedPageAsync(
        LogQuery query, IReadOnlyList<string> partitions, string from, string to, string scope, string?[] cursors, CancellationToken cancellationToken)
    {
        var read = await Task.WhenAll(partitions.Select((partition, i) => ReadPartitionAsync(query, partition, from, to, cursors[i], cancellationToken)));
        var merged = read
            .SelectMany((part, i) => part.Rows.Select(row => (Partition: i, Row: row)))
            .OrderBy(x => x.Row.RowKey, StringComparer.Ordinal)
            .Take(query.Limit)
            .ToList();

        // A partition's cursor moves to the last row taken from it; it is done when all it had were taken.
        var next = new string[partitions.Count];
        for (var i = 0; i < partitions.Count; i++)
        {
            var taken = merged.Where(x => x.Partition == i).Select(x => x.Row.RowKey).ToList();
            next[i] = read[i].Exhausted && taken.Count == read[i].Rows.Count
                ? Done
                : taken.Count > 0 ? taken[^1] : cursors[i] ?? "";
        }

        return new LogPage([.. merged.Select(x => x.Row.ToEntry())], next.All(c => c == Done) ? null : ContinuationToken.Encode([scope, .. next]));
    }

    private async Task<(List<PostbackLogEntity> Rows, bool Exhausted)> ReadPartitionAsync(
        LogQuery query, string partition, string from, string to, string? cursor, CancellationToken cancellationToken)
    {
        if (cursor == Done)
        {
            return ([], true);
        }

        var rows = new List<PostbackLogEntity>();
        await foreach (var page in Table.QueryAsync<PostbackLogEntity>(Filter(query, partition, from, to, cursor), query.Limit, cancellationToken: cancellationToken).AsPages())
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

    private static string Filter(LogQuery query, string partition, string from, string to, string? cursor)
    {
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

        foreach (var (name, value) in new[] { ("Outcome", query.Outcome), ("Type", query.Type), ("Network", query.Network), ("Reason", query.Reason) })
        {
            if (value is not null)
            {
                parts.Add(name + " eq " + TableClient.CreateQueryFilter($"{value}"));
            }
        }

        return string.Join(" and ", parts);
    }

    private Task<int> DeleteLogRowsAsync(string partition, CancellationToken cancellationToken) =>
        DeleteRowsAsync(partition, TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {PostbackLogKeys.LogRowsEnd}"), cancellationToken);

    /// <summary>Opaque to clients: the day and each shard's cursor (a row key, empty, or done).</summary>
    internal static string EncodeToken(DateOnly date, IReadOnlyList<string> cursors) => ContinuationToken.Encode([DayScope(date), .. cursors]);

    internal static string?[]? DecodeToken(string token, DateOnly date) => DecodeCursors(token, DayScope(date), PostbackLogKeys.LogShards);

    /// <summary>What a day query's token names: its UTC day.</summary>
    private static string DayScope(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The cursors of a token issued for <paramref name="scope"/> over <paramref name="partitions"/> partitions; null for any other.</summary>
    private static string?[]? DecodeCursors(string token, string scope, int partitions)
    {
        var parts = ContinuationToken.Decode(token);
        if (parts is null || parts.Length != partitions + 1 || parts[0] != scope)
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
