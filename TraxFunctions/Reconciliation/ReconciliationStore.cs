using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Trax.Storage;

namespace Trax.Reconciliation;

/// <summary>
/// The Reconciliations table (<see cref="ReconciliationKeys"/>): a run's rows, then its summary, so a
/// reconciliation is found only once all its rows are stored (and a run that fails to save is deleted); a page of rows is one key-range query; and the
/// mapping each network last used.
/// </summary>
public sealed class ReconciliationStore(TableClient table) : TableStore(table)
{
    /// <summary>Rows per transaction: the most one may hold (all in the run's partition).</summary>
    private const int PerTransaction = 100;

    private const int WriteConcurrency = 8;

    /// <summary>
    /// Writes the rows, then the summary. Replaces rather than inserts, so the SDK retrying a transaction whose answer
    /// was lost writes the same rows again instead of failing. When a write fails, what was written is deleted before
    /// the fault goes on (a 503, so the caller retries: a new run, under a new id): rows without a summary would stay
    /// for ever, and a summary whose answer was lost would be a run the caller never heard of.
    /// </summary>
    public async Task SaveAsync(ReconciliationSummary summary, IReadOnlyList<ReconciliationRow> rows, CancellationToken cancellationToken)
    {
        var partition = ReconciliationKeys.Partition(summary.Id);
        try
        {
            var batches = rows
                .Select(row => new ReconciliationEntity
                {
                    PartitionKey = partition,
                    RowKey = ReconciliationKeys.Row(row.Category, row.Seq),
                    Category = row.Category,
                    Json = JsonSerializer.Serialize(row, ReconciliationJson.Default.ReconciliationRow),
                })
                .Chunk(PerTransaction);
            await Parallel.ForEachAsync(
                batches,
                new ParallelOptions { MaxDegreeOfParallelism = WriteConcurrency, CancellationToken = cancellationToken },
                async (batch, ct) => await Table.SubmitTransactionAsync(
                    batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct));
            await Table.UpsertEntityAsync(
                new ReconciliationEntity
                {
                    PartitionKey = partition,
                    RowKey = ReconciliationKeys.SummaryRow,
                    Json = JsonSerializer.Serialize(summary, ReconciliationJson.Default.ReconciliationSummary),
                },
                TableUpdateMode.Replace,
                cancellationToken);
        }
        catch
        {
            await TryDiscardAsync(partition);
            throw;
        }
    }

    /// <summary>
    /// Deletes a run that failed to save: its summary first, so that it is never shown without its rows, then its rows.
    /// Not under the request's token (a caller that gave up leaves no rows either). If storage refuses this too, what
    /// is left is unreachable (every read starts at the summary) and the fault that made the run fail is what counts.
    /// </summary>
    private async Task TryDiscardAsync(string partition)
    {
        try
        {
            await Table.DeleteEntityAsync(partition, ReconciliationKeys.SummaryRow, ETag.All, CancellationToken.None);
            var (from, to) = ReconciliationKeys.Rows(null);
            var keys = new List<string>();
            await foreach (var entity in Table.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {to}"), 1000, ["RowKey"], CancellationToken.None))
            {
                keys.Add(entity.RowKey);
            }

            await Parallel.ForEachAsync(
                keys.Chunk(PerTransaction),
                new ParallelOptions { MaxDegreeOfParallelism = WriteConcurrency },
                async (batch, ct) => await Table.SubmitTransactionAsync(
                    batch.Select(key => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, key), ETag.All)), ct));
        }
        catch (Exception)
        {
            // Whatever stops the clean-up, the run's own fault is the one the caller must see; what is left is
            // unreachable (see above).
        }
    }

    public Task<ReconciliationSummary?> ReadSummaryAsync(string id, CancellationToken cancellationToken) =>
        PointReadAsync<ReconciliationEntity, ReconciliationSummary>(ReconciliationKeys.Partition(id), ReconciliationKeys.SummaryRow,
            entity => JsonSerializer.Deserialize(entity.Json, ReconciliationJson.Default.ReconciliationSummary), cancellationToken);

    /// <summary>Up to <paramref name="limit"/> rows after <paramref name="after"/> (a row key), of one category or all; and the last key read if more may follow.</summary>
    public async Task<(IReadOnlyList<ReconciliationRow> Rows, string? Last)> ReadRowsAsync(
        string id, string? category, string? after, int limit, CancellationToken cancellationToken)
    {
        var (from, to) = ReconciliationKeys.Rows(category);
        var partition = ReconciliationKeys.Partition(id);
        var filter = after is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {to}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after} and RowKey lt {to}");
        var rows = new List<(string Key, ReconciliationRow Row)>();
        await foreach (var entity in Table.QueryAsync<ReconciliationEntity>(filter, Math.Min(limit, 1000), cancellationToken: cancellationToken))
        {
            rows.Add((entity.RowKey, JsonSerializer.Deserialize(entity.Json, ReconciliationJson.Default.ReconciliationRow)!));
            if (rows.Count == limit)
            {
                return ([.. rows.Select(r => r.Row)], entity.RowKey);
            }
        }

        return ([.. rows.Select(r => r.Row)], null);
    }

    /// <summary>Every row of a reconciliation (a re-run reads its export rows back), one key-range query.</summary>
    public async Task<IReadOnlyList<ReconciliationRow>> ReadAllRowsAsync(string id, CancellationToken cancellationToken)
    {
        var (from, to) = ReconciliationKeys.Rows(null);
        var partition = ReconciliationKeys.Partition(id);
        var rows = new List<ReconciliationRow>();
        await foreach (var entity in Table.QueryAsync<ReconciliationEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {to}"), 1000, cancellationToken: cancellationToken))
        {
            rows.Add(JsonSerializer.Deserialize(entity.Json, ReconciliationJson.Default.ReconciliationRow)!);
        }

        return rows;
    }

    public async Task SaveMappingAsync(RememberedMapping mapping, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(
            new ReconciliationEntity
            {
                PartitionKey = ReconciliationKeys.MappingPartition,
                RowKey = ReconciliationKeys.MappingRow(mapping.Network),
                Json = JsonSerializer.Serialize(mapping, ReconciliationJson.Default.RememberedMapping),
            },
            TableUpdateMode.Replace,
            cancellationToken);

    public Task<RememberedMapping?> ReadMappingAsync(string network, CancellationToken cancellationToken) =>
        PointReadAsync<ReconciliationEntity, RememberedMapping>(ReconciliationKeys.MappingPartition, ReconciliationKeys.MappingRow(network),
            entity => JsonSerializer.Deserialize(entity.Json, ReconciliationJson.Default.RememberedMapping), cancellationToken);
}
