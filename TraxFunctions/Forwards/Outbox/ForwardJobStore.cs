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
    private const int MaxClaimAttempts = 4;

    /// <summary>
    /// Claims <paramref name="job"/>'s attempt for this message. Claimed: send it. Done: the job ended, or this
    /// attempt was made and the next queued, or a later one started. Busy: another copy holds this attempt and its
    /// lease has not run out (if that copy's instance dies, its own message comes back and claims it again).
    /// </summary>
    public async Task<JobClaim> ClaimAsync(ForwardJob job, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxClaimAttempts; attempt++)
        {
            var read = await Table.GetEntityIfExistsAsync<ForwardJobEntity>(ForwardKeys.ForwardJobPartition(job.Id), ForwardKeys.ForwardJobRow, cancellationToken: cancellationToken);
            var claim = new ForwardJobEntity
            {
                PartitionKey = ForwardKeys.ForwardJobPartition(job.Id), ForwardId = job.ForwardId, ConversionId = job.ConversionId,
                Status = ForwardJobStatus.Sending, Attempt = job.Attempt, Copy = job.Copy, ClaimedAt = now, UpdatedAt = now,
            };
            if (!read.HasValue)
            {
                try
                {
                    var added = await Table.AddEntityAsync(claim, cancellationToken);
                    return new JobClaim(JobClaimOutcome.Claimed, added.Headers.ETag ?? default);
                }
                catch (RequestFailedException ex) when (ex.ErrorCode == Azure.Data.Tables.Models.TableErrorCode.EntityAlreadyExists)
                {
                    continue;
                }
            }

            var row = read.Value!;
            var verdict = row switch
            {
                { Status: not (ForwardJobStatus.Sending or ForwardJobStatus.Retrying) } => JobClaimOutcome.Done,
                _ when job.Attempt < row.Attempt => JobClaimOutcome.Done,
                { Status: ForwardJobStatus.Retrying } when job.Attempt == row.Attempt => JobClaimOutcome.Done,
                _ when job.Attempt > row.Attempt => JobClaimOutcome.Claimed,
                _ when row.Copy == job.Copy || now - row.ClaimedAt >= lease => JobClaimOutcome.Claimed,
                _ => JobClaimOutcome.Busy,
            };
            if (verdict != JobClaimOutcome.Claimed)
            {
                return new JobClaim(verdict, default);
            }

            try
            {
                var response = await Table.UpdateEntityAsync(claim, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return new JobClaim(JobClaimOutcome.Claimed, response.Headers.ETag ?? default);
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                // Another copy moved first: read again.
            }
        }

        return new JobClaim(JobClaimOutcome.Busy, default);
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
            Status = status, Attempt = job.Attempt, Copy = job.Copy, ClaimedAt = now, UpdatedAt = now, LastResult = result,
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
    public async Task<(string Status, int Attempt)?> FindAsync(string jobId, CancellationToken cancellationToken)
    {
        var read = await Table.GetEntityIfExistsAsync<ForwardJobEntity>(ForwardKeys.ForwardJobPartition(jobId), ForwardKeys.ForwardJobRow, cancellationToken: cancellationToken);
        return read.HasValue ? (read.Value!.Status, read.Value.Attempt) : null;
    }
}

public enum JobClaimOutcome
{
    Claimed,
    Done,
    Busy,
}

public readonly record struct JobClaim(JobClaimOutcome Outcome, ETag ETag);

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

internal sealed class ForwardJobEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = ForwardKeys.ForwardJobRow;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string ForwardId { get; set; } = "";

    public string ConversionId { get; set; } = "";

    public string Status { get; set; } = "";

    public int Attempt { get; set; }

    public string Copy { get; set; } = "";

    public DateTimeOffset ClaimedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? LastResult { get; set; }
}
