using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;

namespace Trax.Storage;

/// <summary>
/// The base of every store: one table, which only the store sees. A store owns its keys (built in
/// <see cref="Keys"/>), its entity mapping and its queries; everything outside it works with domain records.
/// </summary>
public abstract class TableStore(TableClient table) : IStorageResource
{
    protected TableClient Table { get; } = table;

    public string Name => Table.Name;

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken) => await Table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>One point read, mapped; null when there is no such entity.</summary>
    protected async Task<T?> PointReadAsync<TEntity, T>(string partitionKey, string rowKey, Func<TEntity, T?> map, CancellationToken cancellationToken)
        where TEntity : class, ITableEntity
        where T : class
    {
        var read = await Table.GetEntityIfExistsAsync<TEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        if (read.HasValue)
        {
            return map(read.Value!);
        }

        ThrowIfTableMissing(read.GetRawResponse());
        return null;
    }

    /// <summary>
    /// A point read's 404 says "no such entity" only when the table is there: the SDK answers both alike, and a table
    /// missing (deleted, or a setting naming another) taken for a missing row would have callers act on rows that
    /// exist (the recount would remove every count). It is storage not being reachable, as a query's 404 is.
    /// </summary>
    private static void ThrowIfTableMissing(Response response)
    {
        if (response.Status == 404 && response.Headers.TryGetValue("x-ms-error-code", out var code) && code == "TableNotFound")
        {
            throw new RequestFailedException(404, "The table is not there.", code, null);
        }
    }

    /// <summary>Every entity of the table, mapped: for the small admin tables (links, forwards), read whole.</summary>
    protected async Task<IReadOnlyList<T>> ListAllAsync<TEntity, T>(Func<TEntity, T> map, CancellationToken cancellationToken)
        where TEntity : class, ITableEntity
    {
        var all = new List<T>();
        await foreach (var entity in Table.QueryAsync<TEntity>(cancellationToken: cancellationToken))
        {
            all.Add(map(entity));
        }

        return all;
    }

    /// <summary>Deletes one entity, whatever its version; false when there was none.</summary>
    protected async Task<bool> TryDeleteAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var response = await Table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        return response.Status != 404;
    }

    /// <summary>
    /// Deletes what <paramref name="filter"/> finds in one partition (retention), 100 rows per transaction, the most
    /// one may hold. Safe to repeat: a row already gone is simply not found again.
    /// </summary>
    protected async Task<int> DeleteRowsAsync(string partition, string filter, CancellationToken cancellationToken)
    {
        const int perTransaction = 100;
        var deleted = 0;
        var batch = new List<TableTransactionAction>(perTransaction);
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, 1000, [nameof(TableEntity.PartitionKey), nameof(TableEntity.RowKey)], cancellationToken))
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, row.RowKey), ETag.All));
            if (batch.Count == perTransaction)
            {
                await Table.SubmitTransactionAsync(batch, cancellationToken);
                deleted += batch.Count;
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await Table.SubmitTransactionAsync(batch, cancellationToken);
            deleted += batch.Count;
        }

        return deleted;
    }

    /// <summary>Insert-if-absent: false (and nothing written) when an entity with these keys is there already.</summary>
    protected async Task<bool> TryInsertAsync(ITableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == TableErrorCode.EntityAlreadyExists)
        {
            return false;
        }
    }

    /// <summary>
    /// Creates the entity, or replaces the one there under the ETag that was read, so two admins saving at once
    /// never interleave fields: the loser reads again and wins afterwards (last writer wins, whole entity at a time).
    /// <paramref name="build"/> makes what to write from what is there (null: nothing). Null after repeated interference.
    /// </summary>
    protected async Task<(T Saved, bool Created)?> SaveAsync<T>(string partitionKey, string rowKey, Func<T?, T> build, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        const int attempts = 3;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var existing = await Table.GetEntityIfExistsAsync<T>(partitionKey, rowKey, cancellationToken: cancellationToken);
            if (!existing.HasValue)
            {
                var created = build(null);
                if (await TryInsertAsync(created, cancellationToken))
                {
                    return (created, true);
                }

                continue;
            }

            var replaced = build(existing.Value);
            try
            {
                await Table.UpdateEntityAsync(replaced, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                return (replaced, false);
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                // Changed or deleted since the read: read again.
            }
        }

        return null;
    }

    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        // One page of at most one entity's PartitionKey: proves the table exists and we may read it.
        var query = Table.QueryAsync<TableEntity>(maxPerPage: 1, select: [nameof(TableEntity.PartitionKey)], cancellationToken: cancellationToken);
        await foreach (var _ in query.AsPages(pageSizeHint: 1))
        {
            return;
        }
    }
}
