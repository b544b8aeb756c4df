using Azure.Data.Tables;
using Trax.Core;

namespace Trax.PostbackLog;

/// <summary>
/// The refusals half of the log's reads, for reconciliation: the refused postbacks of a run of UTC days, one
/// row-key-range query per day and shard (the log rows of a partition, filtered on the outcome), never a table scan.
/// </summary>
public sealed partial class PostbackLogStore
{
    /// <summary>Every refused postback's log row of <paramref name="days"/> days from <paramref name="from"/>.</summary>
    public Task<List<PostbackLogEntry>> ReadRefusedAsync(DateOnly from, int days, int concurrency, CancellationToken cancellationToken) =>
        ReadDaysAsync<PostbackLogEntity, PostbackLogEntry>(
            from, days, concurrency,
            partition => TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and RowKey lt {PostbackLogKeys.LogRowsEnd} and Outcome eq {PostbackOutcomes.Rejected}"),
            row => row.ToEntry(),
            cancellationToken);
}
