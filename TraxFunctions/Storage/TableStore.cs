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
