using System.Globalization;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Trax.Storage;

namespace Trax.PostbackLog;

/// <summary>
/// The PostbackLog table: one row per postback with its outcome, and the per-day index of counted conversions
/// beside it (see <see cref="Keys.LogPartition(DateOnly, int)"/> for the key scheme). It writes what it is told —
/// the outcome is the processor's decision, never read or recomputed here — and answers the log and report queries.
/// </summary>
public sealed class PostbackLogStore(TableClient table) : TableStore(table)
{
    /// <summary>Cursor of a shard with nothing left to read.</summary>
    private const string Done = "~";




    /// <summary>
    /// Writes a postback's log row by <paramref name="rule"/>, and its conversion's day-index row when it is counted.
    /// A new conversion's index row goes in the same transaction as its log row (same partition): insert-if-absent,
    /// because a newer state may have been indexed already; if so, the two are written apart, the index merged.
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
            await MergeDayIndexAsync(index, cancellationToken);
            return;
        }

        try
        {
            await Table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(rule == LogWrite.Replace ? TableTransactionActionType.UpsertReplace : TableTransactionActionType.Add, row),
                    new TableTransactionAction(TableTransactionActionType.Add, indexRow),
                ],
                cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.ErrorCode == TableErrorCode.EntityAlreadyExists)
        {
            await WriteRowAsync(row, rule, cancellationToken);
            await MergeDayIndexAsync(index, cancellationToken);
        }
    }

    /// <summary>
    /// Brings a conversion's index row up to <paramref name="index"/>'s state if that state's version is higher than the
    /// row's: conditional on the row read (ETag), so concurrent writers landing in any order leave the newest state,
    /// and writing the same state again changes nothing. Between two states written before versions, each of status,
    /// amount and currency is kept from whichever newer postback set it, as then.
    /// </summary>
    public async Task MergeDayIndexAsync(DayIndexEntry index, CancellationToken cancellationToken)
    {
        var wanted = DayIndexEntity.From(index);
        for (var attempt = 1; ; attempt++)
        {
            var read = await Table.GetEntityIfExistsAsync<DayIndexEntity>(wanted.PartitionKey, wanted.RowKey, cancellationToken: cancellationToken);
            if (!read.HasValue)
            {
                if (await TryInsertAsync(wanted, cancellationToken))
                {
                    return;
                }
            }
            else
            {
                var stored = read.Value!.ToEntry();
                var merged = Merged(stored, index);
                if (merged == stored)
                {
                    return;
                }

                try
                {
                    await Table.UpdateEntityAsync(DayIndexEntity.From(merged), read.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                    return;
                }
                catch (RequestFailedException ex) when (ex.Status == 412)
                {
                    // Changed since the read: read again.
                }
            }

            if (attempt == MaxMergeAttempts)
            {
                throw new InvalidOperationException($"The day-index row of {index.ConversionKey} kept changing; the message will be retried.");
            }
        }
    }

    private const int MaxMergeAttempts = 8;

    private static bool Newer(string? candidate, string? current) => string.CompareOrdinal(candidate, current) > 0;

    /// <summary>The stored index row brought up to <paramref name="index"/>: the higher version wins whole.</summary>
    private static DayIndexEntry Merged(DayIndexEntry stored, DayIndexEntry index) =>
        index.Version > 0 || stored.Version > 0
            ? index.Version > stored.Version ? stored with
            {
                Status = index.Status, StatusBy = index.StatusBy, Payout = index.Payout, MoneyBy = index.MoneyBy,
                Currency = index.Currency, CurrencyBy = index.CurrencyBy, Version = index.Version,
            }
            : stored
            : stored with
            {
                // Both written before versions: each register from the newer setter, as then.
                Status = Newer(index.StatusBy, stored.StatusBy) ? index.Status : stored.Status,
                StatusBy = Newer(index.StatusBy, stored.StatusBy) ? index.StatusBy : stored.StatusBy,
                Payout = Newer(index.MoneyBy, stored.MoneyBy) ? index.Payout : stored.Payout,
                MoneyBy = Newer(index.MoneyBy, stored.MoneyBy) ? index.MoneyBy : stored.MoneyBy,
                Currency = Newer(index.CurrencyBy, stored.CurrencyBy) ? index.Currency : stored.Currency,
                CurrencyBy = Newer(index.CurrencyBy, stored.CurrencyBy) ? index.CurrencyBy : stored.CurrencyBy,
            };

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

    /// <summary>Every day-index row of <paramref name="days"/> days from <paramref name="from"/>: one range query per day and shard.</summary>
    public async Task<List<DayIndexEntry>> ReadDayIndexAsync(DateOnly from, int days, int concurrency, CancellationToken cancellationToken)
    {
        var partitions = Enumerable.Range(0, days)
            .SelectMany(d => Enumerable.Range(0, Keys.LogShards).Select(s => Keys.LogPartition(from.AddDays(d), s)));
        var entries = new List<DayIndexEntry>();
        await Parallel.ForEachAsync(
            partitions,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (partition, ct) =>
            {
                var filter = TableClient.CreateQueryFilter(
                    $"PartitionKey eq {partition} and RowKey ge {Keys.DayIndexRowPrefix} and RowKey lt {Keys.DayIndexRowsEnd}");
                var rows = new List<DayIndexEntry>();
                await foreach (var row in Table.QueryAsync<DayIndexEntity>(filter, 1000, cancellationToken: ct))
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

    /// <summary>
    /// One page of a day's log, newest first. Each page reads the day's shards from where the previous page stopped
    /// (one cursor per shard, carried in the continuation token) and merges them by row key, which is inverted
    /// receipt time: the order is global.
    /// </summary>
    public async Task<LogPage> ReadPageAsync(LogQuery query, CancellationToken cancellationToken)
    {
        var cursors = query.ContinuationToken is null ? new string?[Keys.LogShards] : DecodeToken(query.ContinuationToken, query.Date)!;
        var shards = await Task.WhenAll(Enumerable.Range(0, Keys.LogShards).Select(s => ReadShardAsync(query, s, cursors[s], cancellationToken)));
        var merged = shards
            .SelectMany((shard, s) => shard.Rows.Select(row => (Shard: s, Row: row)))
            .OrderBy(x => x.Row.RowKey, StringComparer.Ordinal)
            .Take(query.Limit)
            .ToList();

        // A shard's cursor moves to the last row taken from it; it is done when all it had were taken.
        var next = new string[Keys.LogShards];
        for (var s = 0; s < Keys.LogShards; s++)
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
            Enumerable.Range(0, Keys.LogShards),
            new ParallelOptions { MaxDegreeOfParallelism = Keys.LogShards, CancellationToken = cancellationToken },
            async (shard, ct) => Interlocked.Add(ref deleted, await DeleteLogRowsAsync(Keys.LogPartition(day, shard), ct)));
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

        var filter = Filter(query, Keys.LogPartition(query.Date, shard), cursor);
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
        var to = Keys.LogRowsEnd;
        if (query.Hour is { } hour)
        {
            var start = new DateTimeOffset(query.Date.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
            (from, to) = Keys.LogRowRange(start, start.AddHours(1));
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
        DeleteRowsAsync(partition, TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {Keys.LogRowsEnd}"), cancellationToken);

    /// <summary>Opaque to clients: the day and each shard's cursor (a row key, empty, or done).</summary>
    internal static string EncodeToken(DateOnly date, IReadOnlyList<string> cursors) =>
        ContinuationToken.Encode([date.ToString("yyyyMMdd", CultureInfo.InvariantCulture), .. cursors]);

    internal static string?[]? DecodeToken(string token, DateOnly date)
    {
        var parts = ContinuationToken.Decode(token);
        if (parts is null || parts.Length != Keys.LogShards + 1 || parts[0] != date.ToString("yyyyMMdd", CultureInfo.InvariantCulture))
        {
            return null;
        }

        // A log row key starts with a digit; anything else a client could send would read outside the log rows.
        var cursors = parts[1..];
        return cursors.All(c => c.Length == 0 || c == Done || (char.IsAsciiDigit(c[0]) && string.CompareOrdinal(c, Keys.LogRowsEnd) < 0))
            ? cursors
            : null;
    }
}

/// <summary>A validated log query: one UTC day (optionally one hour), filters, a page size and where to go on from.</summary>
public sealed record LogQuery(
    DateOnly Date,
    int? Hour,
    string? Outcome,
    string? Type,
    string? Network,
    string? Reason,
    int Limit,
    string? ContinuationToken);

public sealed record LogPage(IReadOnlyList<PostbackLogEntry> Items, string? ContinuationToken);
