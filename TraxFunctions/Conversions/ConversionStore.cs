using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Trax.Storage;

namespace Trax.Conversions;

/// <summary>
/// The Conversions table: a click's partition holds its conversions and their history. Adding is insert-if-absent
/// on the conversion's key, so deduplication is the storage's unique key; a conversion and the history row of the
/// postback that changes it are written in one transaction, conditional on the version that was read (ETag).
/// </summary>
public sealed class ConversionStore(TableClient table) : TableStore(table)
{
    /// <summary>
    /// Stores the conversion with its creator's history row; or, when its key is taken, answers with what is stored
    /// (the conversion and its history: this postback's row among it means it was applied before).
    /// </summary>
    public async Task<ConversionAdd> TryAddAsync(Conversion conversion, HistoryEntry created, CancellationToken cancellationToken)
    {
        try
        {
            var responses = await Table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Add, ConversionEntity.From(conversion)),
                    new TableTransactionAction(TableTransactionActionType.Add, HistoryEntity.From(conversion.ClickId, created)),
                ],
                cancellationToken);

            // Its version, so that a re-attribution right after can replace it conditionally.
            var etag = responses.Value.Count > 0 && responses.Value[0].Headers.ETag is { } tag ? tag : default;
            return new ConversionAdd(conversion with { ETag = etag }, Added: true, [created]);
        }
        catch (TableTransactionFailedException ex) when (ex.ErrorCode == TableErrorCode.EntityAlreadyExists)
        {
            var (stored, history) = await ReadAsync(conversion.ClickId, conversion.Key, cancellationToken);
            return new ConversionAdd(
                stored ?? throw new InvalidOperationException($"Conversion {conversion.Key} of click {conversion.ClickId} conflicted on insert but could not be read back."),
                Added: false,
                history);
        }
    }

    /// <summary>
    /// The conversion under its key and its history, in one query (the conversion may be missing). The conversion's
    /// row key sorts before every history row (<c>~h-</c>), so the scan reads it first: a change committed after that
    /// read (a new ETag) makes a write conditional on the read fail, whatever history rows the scan then saw.
    /// </summary>
    public async Task<(Conversion? Conversion, IReadOnlyList<HistoryEntry> History)> ReadAsync(string clickId, string key, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {Keys.ClickPartition(clickId)} and (RowKey eq {key} or ConversionKey eq {key})");
        Conversion? conversion = null;
        var history = new List<HistoryEntry>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.RowKey == key)
            {
                conversion = EntityMapper.To<ConversionEntity>(row).ToConversion();
            }
            else if (row.RowKey.StartsWith(Keys.HistoryRowPrefix, StringComparison.Ordinal))
            {
                history.Add(EntityMapper.To<HistoryEntity>(row).ToEntry());
            }
        }

        return (conversion, history);
    }

    public Task<Conversion?> FindAsync(string clickId, string key, CancellationToken cancellationToken) =>
        PointReadAsync<ConversionEntity, Conversion>(Keys.ClickPartition(clickId), key, entity => entity.ToConversion(), cancellationToken);

    /// <summary>
    /// Writes a postback's effect: the conversion as it becomes (if it is still the version that was read) and the
    /// postback's history row, together, with the rows of <paramref name="missing"/> (postbacks a conversion stored
    /// before history rows existed recorded only in its state). False when the conversion changed since, or a row exists.
    /// </summary>
    public async Task<bool> TryApplyAsync(Conversion updated, HistoryEntry entry, IReadOnlyList<HistoryEntry> missing, CancellationToken cancellationToken)
    {
        try
        {
            await Table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, ConversionEntity.From(updated), updated.ETag),
                    new TableTransactionAction(TableTransactionActionType.Add, HistoryEntity.From(updated.ClickId, entry)),
                    .. missing.Select(m => new TableTransactionAction(TableTransactionActionType.Add, HistoryEntity.From(updated.ClickId, m))),
                ],
                cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409)
        {
            return false;
        }
    }

    /// <summary>Replaces the stored conversion if it is still the version that was read; false when it changed since.</summary>
    public async Task<bool> TryReplaceAsync(Conversion conversion, CancellationToken cancellationToken)
    {
        try
        {
            await Table.UpdateEntityAsync(ConversionEntity.From(conversion), conversion.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    /// <summary>The click's conversions still waiting for it: one partition query.</summary>
    public async Task<List<Conversion>> OrphansAsync(string clickId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Keys.ClickPartition(clickId)} and Orphan eq {true}");
        var orphans = new List<Conversion>();
        await foreach (var entity in Table.QueryAsync<ConversionEntity>(filter, cancellationToken: cancellationToken))
        {
            orphans.Add(entity.ToConversion());
        }

        return orphans;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> conversions (not their history rows) in key order, after the keys in
    /// <paramref name="after"/>: a scan of the whole table, a page at a time, for rebuilding what is derived from it.
    /// The next page's start is the last row's keys, or null at the end.
    /// </summary>
    public async Task<(List<Conversion> Conversions, (string Partition, string Row)? Next)> ScanAsync(
        int limit, (string Partition, string Row)? after, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey lt {Keys.HistoryRowPrefix}");
        if (after is { } start)
        {
            filter += " and " + TableClient.CreateQueryFilter(
                $"(PartitionKey gt {start.Partition} or (PartitionKey eq {start.Partition} and RowKey gt {start.Row}))");
        }

        var page = new List<ConversionEntity>(limit);
        await foreach (var entity in Table.QueryAsync<ConversionEntity>(filter, Math.Min(limit, 1000), cancellationToken: cancellationToken))
        {
            if (page.Count == limit)
            {
                // There is more: the next page starts after the last row taken.
                return ([.. page.Select(e => e.ToConversion())], (page[^1].PartitionKey, page[^1].RowKey));
            }

            page.Add(entity);
        }

        return ([.. page.Select(e => e.ToConversion())], null);
    }

    /// <summary>Every conversion of one click, oldest first, each with its history in the order of its postbacks.</summary>
    public async Task<List<(Conversion Conversion, IReadOnlyList<HistoryEntry> History)>> ListAsync(string clickId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Keys.ClickPartition(clickId)}");
        var conversions = new List<Conversion>();
        var history = new List<HistoryEntry>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.RowKey.StartsWith(Keys.HistoryRowPrefix, StringComparison.Ordinal))
            {
                history.Add(EntityMapper.To<HistoryEntity>(row).ToEntry());
            }
            else
            {
                conversions.Add(EntityMapper.To<ConversionEntity>(row).ToConversion());
            }
        }

        return [.. conversions
            .OrderBy(c => c.ReceivedAt).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => (c, (IReadOnlyList<HistoryEntry>)[.. history.Where(h => h.ConversionKey == c.Key).OrderBy(h => h.PostbackId, StringComparer.Ordinal)]))];
    }
}

/// <summary>
/// What an insert-if-absent found: <see cref="Added"/> (this one is stored), or the conversion stored before and its
/// history (this postback's row among it when it was applied already).
/// </summary>
public readonly record struct ConversionAdd(Conversion Conversion, bool Added, IReadOnlyList<HistoryEntry> History);
