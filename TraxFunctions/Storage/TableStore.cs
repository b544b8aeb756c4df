using Azure.Data.Tables;

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
