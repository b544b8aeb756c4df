using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Trax.Links;
using Trax.Postbacks;
using Trax.Storage;

namespace Trax.Monitoring;

/// <summary>
/// Whether Trax can work right now: the postback queue and every Trax table (links included) answer a cheap read (queue
/// properties, one key of one row). Run in parallel under a short deadline, so a probe never hangs.
/// </summary>
public sealed class StorageHealth(PostbackQueue queue, TraxTables tables, LinkStore links, ILogger<StorageHealth> logger)
{
    /// <summary>Longer than a healthy answer takes, shorter than a load balancer's probe timeout.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        var checks = new List<Task> { queue.Client.GetPropertiesAsync(deadline.Token) };
        checks.AddRange(tables.All.Append(links.Table).Select(table => ReadOneKeyAsync(table, deadline.Token)));
        try
        {
            await Task.WhenAll(checks);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.Unhealthy(logger, ex);
            return false;
        }
    }

    private static async Task ReadOneKeyAsync(TableClient table, CancellationToken cancellationToken)
    {
        // One page of at most one entity's PartitionKey: proves the table exists and we may read it.
        var query = table.QueryAsync<TableEntity>(maxPerPage: 1, select: [nameof(TableEntity.PartitionKey)], cancellationToken: cancellationToken);
        await foreach (var _ in query.AsPages(pageSizeHint: 1))
        {
            return;
        }
    }
}
