using Azure.Data.Tables;
using Trax.Storage;

namespace Trax.Clicks;

/// <summary>The Clicks table: a click is written once (insert-if-absent) and read with one point read.</summary>
public sealed class ClickStore(TableClient table) : TableStore(table)
{
    public Task<Click?> FindAsync(string clickId, CancellationToken cancellationToken) =>
        PointReadAsync<ClickEntity, Click>(Keys.ClickPartition(clickId), Keys.ClickRow, entity => entity.ToClick(), cancellationToken);

    /// <summary>
    /// One page of stored clicks in key order, and the token of the next page (null at the end): for the traffic
    /// recount, which walks the whole table.
    /// </summary>
    public async Task<(IReadOnlyList<Click> Clicks, string? Next)> ListPageAsync(int limit, string? token, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {Keys.ClickRow}");
        await foreach (var page in Table.QueryAsync<ClickEntity>(filter, limit, cancellationToken: cancellationToken).AsPages(token, limit))
        {
            return ([.. page.Values.Select(e => e.ToClick())], page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>Stores a new click; false (and nothing written) when its id is taken.</summary>
    public Task<bool> TryAddAsync(Click click, CancellationToken cancellationToken) => TryInsertAsync(ClickEntity.From(click), cancellationToken);
}
