using Azure;
using Azure.Data.Tables;
using Trax.Storage;

namespace Trax.PostbackLog;

/// <summary>
/// The day index's half of the PostbackLog table: one row per stored conversion beside its creator's log row, merged
/// by <see cref="DayIndexEntry.MergedWith"/> under an ETag and read a day and shard at a time by the reports.
/// </summary>
public sealed partial class PostbackLogStore
{
    private const int MaxMergeAttempts = 8;

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
            else if (read.Value!.ToEntry() is var stored && stored.MergedWith(index) is var merged && merged != stored)
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
            await SubmitMarkedAsync(
                change.Entity.PartitionKey,
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

    /// <summary>Every day-index row of <paramref name="days"/> days from <paramref name="from"/>: one range query per day and shard.</summary>
    public Task<List<DayIndexEntry>> ReadDayIndexAsync(DateOnly from, int days, int concurrency, CancellationToken cancellationToken) =>
        ReadDaysAsync<DayIndexEntity, DayIndexEntry>(
            from, days, concurrency,
            partition => TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and RowKey ge {PostbackLogKeys.DayIndexRowPrefix} and RowKey lt {PostbackLogKeys.DayIndexRowsEnd}"),
            row => row.ToEntry(),
            cancellationToken);
}
