using Azure;
using Azure.Data.Tables;
using Trax.Storage;

namespace Trax.Forwards;

/// <summary>
/// The ForwardJobs table: one row per job, the claim that lets only one copy of a job send each attempt. Copies
/// exist because the outbox is written again whenever a postback's message is redelivered, and because the queue
/// delivers at least once. A claim is a conditional write (insert-if-absent, or replace under the ETag read).
/// </summary>
public sealed class ForwardJobStore(TableClient table) : TableStore(table)
{
    /// <summary>A job's claim row as stored, with its ETag; null when no copy has claimed the job yet.</summary>
    public Task<JobRow?> ReadAsync(string jobId, CancellationToken cancellationToken) =>
        PointReadAsync<ForwardJobEntity, JobRow>(ForwardKeys.ForwardJobPartition(jobId), ForwardKeys.ForwardJobRow,
            entity => new JobRow(entity.Status, entity.Attempt, entity.Copy, entity.ClaimedAt, entity.ETag), cancellationToken);

    /// <summary>
    /// Writes this copy's claim of <paramref name="job"/>'s attempt: inserted if absent when <paramref name="read"/> is
    /// null, else replaced under the ETag read. The claim's ETag, or null when another copy wrote first (read again).
    /// </summary>
    public async Task<ETag?> TryClaimAsync(ForwardJob job, DateTimeOffset now, JobRow? read, CancellationToken cancellationToken)
    {
        var claim = new ForwardJobEntity
        {
            PartitionKey = ForwardKeys.ForwardJobPartition(job.Id), ForwardId = job.ForwardId, ConversionId = job.ConversionId,
            Status = ForwardJobStatus.Sending, Attempt = job.Attempt, Copy = job.Claimant, ClaimedAt = now, UpdatedAt = now,
        };
        try
        {
            var response = read is null
                ? await Table.AddEntityAsync(claim, cancellationToken)
                : await Table.UpdateEntityAsync(claim, read.ETag, TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag ?? default;
        }
        catch (RequestFailedException ex) when (read is null
            ? ex.ErrorCode == Azure.Data.Tables.Models.TableErrorCode.EntityAlreadyExists
            : ex.Status is 412 or 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Records the end of the claimed attempt (final, or retrying with the next attempt queued). False when the job
    /// was claimed again meanwhile (this attempt outlived its lease): the newer claim's result stands.
    /// </summary>
    public async Task<bool> TryFinishAsync(ForwardJob job, JobClaim claim, string status, string result, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = new ForwardJobEntity
        {
            PartitionKey = ForwardKeys.ForwardJobPartition(job.Id), ForwardId = job.ForwardId, ConversionId = job.ConversionId,
            Status = status, Attempt = job.Attempt, Copy = job.Claimant, ClaimedAt = now, UpdatedAt = now, LastResult = result,
        };
        try
        {
            await Table.UpdateEntityAsync(row, claim.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Deletes a job's row (retention); false when it was gone already.</summary>
    public Task<bool> DeleteAsync(string jobId, CancellationToken cancellationToken) =>
        TryDeleteAsync(ForwardKeys.ForwardJobPartition(jobId), ForwardKeys.ForwardJobRow, cancellationToken);

    /// <summary>A job's row, for tests and operators: its status and attempt.</summary>
    public async Task<(string Status, int Attempt)?> FindAsync(string jobId, CancellationToken cancellationToken) =>
        await ReadAsync(jobId, cancellationToken) is { } row ? (row.Status, row.Attempt) : null;
}

/// <summary>A job's state in the ForwardJobs table.</summary>
public static class ForwardJobStatus
{
    public const string Sending = "sending";
    public const string Retrying = "retrying";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
    public const string Superseded = "superseded";
    public const string Cancelled = "cancelled";
}

internal sealed class ForwardJobEntity : TableRow
{
    public ForwardJobEntity() => RowKey = ForwardKeys.ForwardJobRow;

    public string ForwardId { get; set; } = "";

    public string ConversionId { get; set; } = "";

    public string Status { get; set; } = "";

    public int Attempt { get; set; }

    public string Copy { get; set; } = "";

    public DateTimeOffset ClaimedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? LastResult { get; set; }
}
