using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trax.Storage;

namespace Trax.PostbackLog;

/// <summary>
/// Deletes the log rows of days past <see cref="TraxOptions.PostbackLogRetentionDays"/>, a whole partition at a
/// time: one key-only range query per partition and deletes in batches of 100 (a transaction stays within one
/// partition). Day-index rows in the same partitions are kept, because reports may reach further back than the
/// log. Each run walks the <see cref="LookbackDays"/> days before the cutoff, so a missed run is caught up.
/// </summary>
public sealed class PostbackLogCleaner(
    TraxTables tables, TimeProvider time, IOptions<TraxOptions> options, ILogger<PostbackLogCleaner> logger)
{
    public const int LookbackDays = 31;

    private const int BatchSize = 100;

    private static readonly string[] KeyColumns = ["PartitionKey", "RowKey"];

    /// <summary>The first day kept: today and the retention's whole days before it.</summary>
    public DateOnly Cutoff => Keys.LogDay(time.GetUtcNow()).AddDays(-options.Value.PostbackLogRetentionDays);

    /// <summary>Returns how many log rows were deleted.</summary>
    public async Task<int> CleanAsync(CancellationToken cancellationToken)
    {
        var cutoff = Cutoff;
        var partitions = Enumerable.Range(1, LookbackDays)
            .SelectMany(d => Enumerable.Range(0, Keys.LogShards).Select(s => Keys.LogPartition(cutoff.AddDays(-d), s)));
        var deleted = 0;
        await Parallel.ForEachAsync(
            partitions,
            new ParallelOptions { MaxDegreeOfParallelism = Keys.LogShards, CancellationToken = cancellationToken },
            async (partition, ct) => Interlocked.Add(ref deleted, await DeleteLogRowsAsync(partition, ct)));
        Log.Cleaned(logger, deleted, cutoff);
        return deleted;
    }

    private async Task<int> DeleteLogRowsAsync(string partition, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {Keys.LogRowsEnd}");
        var deleted = 0;
        var batch = new List<TableTransactionAction>(BatchSize);
        await foreach (var row in tables.PostbackLog.QueryAsync<TableEntity>(filter, 1000, KeyColumns, cancellationToken))
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, row.RowKey), ETag.All));
            if (batch.Count == BatchSize)
            {
                deleted += await SubmitAsync(batch, cancellationToken);
            }
        }

        if (batch.Count > 0)
        {
            deleted += await SubmitAsync(batch, cancellationToken);
        }

        return deleted;
    }

    private async Task<int> SubmitAsync(List<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        await tables.PostbackLog.SubmitTransactionAsync(batch, cancellationToken);
        var count = batch.Count;
        batch.Clear();
        return count;
    }
}
