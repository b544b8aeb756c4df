using System.Globalization;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Trax.Storage;

namespace Trax.PostbackLog;

/// <summary>
/// The PostbackLog table: one row per postback with its outcome, and the per-day index of stored conversions
/// beside it (see <see cref="Keys.LogPartition(DateOnly, int)"/> for the key scheme). It writes what it is told —
/// the outcome is the processor's decision, never read or recomputed here — and answers the log and report queries.
/// </summary>
public sealed class PostbackLogStore(TableClient table) : TableStore(table)
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
    /// Brings a conversion's index row up to <paramref name="index"/>: for its status and its money whichever was set
    /// by the newer postback, and its attribution only forward (unattributed → attributed or outside-window, with the
    /// click's dimensions; never back). Conditional on the row read (ETag), so concurrent writers landing in any order
    /// leave the newest state and the known click, and writing the same again changes nothing. True when the row was
    /// added or brought forward.
    /// </summary>
    public Task<bool> MergeDayIndexAsync(DayIndexEntry index, CancellationToken cancellationToken) => MergeAsync(index, null, cancellationToken);

    /// <summary>The merge, with <paramref name="log"/> (a final log row in the index row's partition) upserted in the same transaction.</summary>
    private async Task<bool> MergeAsync(DayIndexEntry index, PostbackLogEntity? log, CancellationToken cancellationToken)
    {
        var wanted = DayIndexEntity.From(index);
        for (var attempt = 1; attempt <= MaxMergeAttempts; attempt++)
        {
            var read = await Table.GetEntityIfExistsAsync<DayIndexEntity>(wanted.PartitionKey, wanted.RowKey, cancellationToken: cancellationToken);
            TableTransactionAction? change = null;
            if (!read.HasValue)
            {
                change = new TableTransactionAction(TableTransactionActionType.Add, wanted);
            }
            else if (read.Value!.ToEntry() is var stored && Merge(stored, index) is var merged && merged != stored)
            {
                change = new TableTransactionAction(TableTransactionActionType.UpdateReplace, DayIndexEntity.From(merged), read.Value.ETag);
            }

            if (change is null)
            {
                if (log is not null)
                {
                    await Table.UpsertEntityAsync(log, TableUpdateMode.Replace, cancellationToken);
                }

                return false;
            }

            if (await TryWriteAsync(change, log, cancellationToken))
            {
                return true;
            }

            // Changed (or inserted) since the read: read again.
        }

        throw new StorageContentionException($"The day-index row of {index.ConversionKey} of click {index.ClickId} kept changing; retry.");
    }

    private async Task<bool> TryWriteAsync(TableTransactionAction change, PostbackLogEntity? log, CancellationToken cancellationToken)
    {
        // The hour's marker rides in the same transaction (rollups: the change marks its hour dirty, still one request).
        var marker = HourMarkers.Touch(change.Entity.PartitionKey, ((DayIndexEntity)change.Entity).ReceivedAt);
        try
        {
            await Table.SubmitTransactionAsync(
                log is null ? [change, marker] : [new TableTransactionAction(TableTransactionActionType.UpsertReplace, log), change, marker],
                cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    /// <summary>
    /// The stored index row brought up to <paramref name="index"/>: the higher version wins whole (between two states
    /// written before versions, each of status, amount and currency from whichever newer postback set it, as then);
    /// the attribution only moves forward, and the click's dimensions come with it.
    /// </summary>
    private static DayIndexEntry Merge(DayIndexEntry stored, DayIndexEntry index)
    {
        var merged = index.Version > 0 || stored.Version > 0
            ? index.Version > stored.Version ? stored with
            {
                Status = index.Status, StatusBy = index.StatusBy, Payout = index.Payout, MoneyBy = index.MoneyBy,
                Currency = index.Currency, CurrencyBy = index.CurrencyBy, Version = index.Version,
            }
            : stored
            : stored with
            {
                Status = Newer(index.StatusBy, stored.StatusBy) ? index.Status : stored.Status,
                StatusBy = Newer(index.StatusBy, stored.StatusBy) ? index.StatusBy : stored.StatusBy,
                Payout = Newer(index.MoneyBy, stored.MoneyBy) ? index.Payout : stored.Payout,
                MoneyBy = Newer(index.MoneyBy, stored.MoneyBy) ? index.MoneyBy : stored.MoneyBy,
                Currency = Newer(index.CurrencyBy, stored.CurrencyBy) ? index.Currency : stored.Currency,
                CurrencyBy = Newer(index.CurrencyBy, stored.CurrencyBy) ? index.CurrencyBy : stored.CurrencyBy,
            };

        // The click's dimensions come with its attribution: the network and program the postback named, else the click's.
        return Attributions.Advances(stored.Attribution, index.Attribution)
            ? merged with { Attribution = index.Attribution, Network = index.Network, Program = index.Program, Campaign = index.Campaign }
            : merged;
    }

    private const int MaxMergeAttempts = 8;

    private static bool Newer(string? candidate, string? current) => string.CompareOrdinal(candidate, current) > 0;

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
