using Azure.Data.Tables;
using Trax.Storage;

namespace Trax.PostbackLog;

/// <summary>
/// How a change of day-index rows carries its markers (<see cref="HourMarkers"/>) so that a sealed day row is never
/// read stale, and still one request in the common case.
/// </summary>
public sealed partial class PostbackLogStore
{
    private const int MarkedAttempts = 8;

    /// <summary>
    /// Submits <paramref name="actions"/> (the change and its hour marker, all in <paramref name="partition"/>) with a
    /// touch of the day marker, which must exist: one request while the shard-day is open. When it does not (a new
    /// shard-day not prepared by the roller's timer, or one a roller sealed under a day row), the seal is read and the
    /// day is marked changed first (<see cref="DayChanges"/>); then the change opens the shard-day again on condition
    /// that the seal is still the one read (or, with none, that none appeared). A roller that sealed in between moved
    /// the seal, so the change goes round again and marks the day after that seal: a day row is never trusted without
    /// a change it misses.
    /// A failure of one of <paramref name="actions"/> is thrown as it comes.
    /// </summary>
    internal async Task SubmitMarkedAsync(string partition, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MarkedAttempts; attempt++)
        {
            try
            {
                await Table.SubmitTransactionAsync([.. actions, HourMarkers.TouchDay(partition)], cancellationToken);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404 && ex.FailedTransactionActionIndex == actions.Count)
            {
                // No day marker: new or sealed.
            }

            // Marked whether or not a seal is there: exactness never rests on a seal row surviving.
            var seal = await Table.GetEntityIfExistsAsync<TableEntity>(partition, HourMarkers.SealRow, ["RowKey"], cancellationToken);
            if (PostbackLogKeys.DayOfPartition(partition) is { } day)
            {
                await Table.UpsertEntityAsync(DayChanges.Mark(day), TableUpdateMode.Replace, cancellationToken);
            }

            try
            {
                await Table.SubmitTransactionAsync(
                    [.. actions, HourMarkers.OpenDay(partition), HourMarkers.KeepSeal(partition, seal.HasValue ? seal.Value!.ETag : null)],
                    cancellationToken);
                return;
            }
            catch (TableTransactionFailedException ex) when ((ex.Status is 409 or 412) && ex.FailedTransactionActionIndex >= actions.Count)
            {
                // Another writer opened it, or a roller sealed it since the seal was read: again.
            }
        }

        throw new StorageContentionException($"The day markers of {partition} kept changing; retry.");
    }
}
