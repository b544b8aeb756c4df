using Trax.Conversions;
using Trax.Core;
using Trax.Telemetry;

namespace Trax.Forwards;

/// <summary>
/// Delivers one forward job: claims its attempt (so that only one copy sends), checks it is still worth sending (its
/// forward exists, is enabled and is still the version the job was made for; its state is not superseded, else it
/// sees that the newer state is sent), sends it, and records what happened. 2xx: delivered. 408, 429, 5xx, a timeout or no connection: retried later
/// by queueing the next attempt with a delay (1 min, 2, 4 … up to 1 h, or a 429's or 503's longer Retry-After up to
/// the same 1 h; nothing waits in memory), until 24 h after
/// the job was first queued, then dead-lettered to <c>forwards-poison</c>. Any other answer (the template is
/// wrong), or a destination the SSRF guard refuses: failed at once. Every attempt has a row in the delivery log.
/// A storage failure throws, so the host delivers the message again and the same attempt is claimed again.
/// </summary>
public sealed class ForwardDeliverer(
    ForwardStore forwards,
    ForwardJobStore jobs,
    ForwardDeliveryStore deliveries,
    ForwardQueue queue,
    ConversionStore conversions,
    ForwardSender sender,
    TimeProvider time,
    IOptions<ForwardingOptions> options,
    TraxMetrics metrics,
    ILogger<ForwardDeliverer> logger)
{
    /// <summary>How long a claimed attempt belongs to its copy: well past the longest timeout and the writes after it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private const int MaxClaimAttempts = 4;

    public async Task<string?> DeliverAsync(ForwardJob job, CancellationToken cancellationToken)
    {
        var forward = await forwards.FindAsync(job.ForwardId, cancellationToken);
        var now = time.GetUtcNow();
        var claim = await ClaimAsync(job, now, cancellationToken);
        if (claim.Outcome == JobClaimOutcome.Waiting)
        {
            // The previous attempt is still being sent: this one comes back when that claim's lease runs out.
            await queue.SendAsync(job with { MessageId = null }, claim.LeaseEnds - now, cancellationToken);
            Log.Waiting(logger, job.Id, job.Attempt, claim.LeaseEnds);
            return null;
        }

        if (claim.Outcome != JobClaimOutcome.Claimed)
        {
            // Another copy of this job sent (or is sending) this attempt.
            Log.Skipped(logger, job.Id, job.Attempt, claim.Outcome.ToString());
            return null;
        }

        if (forward is not { Enabled: true })
        {
            return await FinishAsync(job, claim, ForwardDeliveryOutcomes.Cancelled, forward, null,
                forward is null ? "the forward was deleted" : "the forward is disabled", cancellationToken);
        }

        if (forward.Version != job.ForwardVersion)
        {
            // Deleted and created again, changed, or disabled and enabled again: not the forward this job was made for.
            return await FinishAsync(job, claim, ForwardDeliveryOutcomes.Cancelled, forward, null,
                $"the forward changed since this job was queued (version {job.ForwardVersion ?? "none"}, now {forward.Version ?? "none"})", cancellationToken);
        }

        // A replay too: it sends the state of when it was asked for, and a newer status must stay the last word.
        var current = await conversions.FindAsync(job.ClickId, job.ConversionKey, cancellationToken);
        if (current is null)
        {
            return await FinishAsync(job, claim, ForwardDeliveryOutcomes.Superseded, forward, null, "the conversion is gone", cancellationToken);
        }

        return IsSuperseded(forward, job, current)
            ? await SupersedeAsync(job, claim, forward, current, cancellationToken)
            : await SendAsync(job, claim, forward, cancellationToken);
    }

    /// <summary>
    /// Whether an older state need not be sent: the conversion's status changed since, to one the forward takes. A
    /// later postback that repeated the status (or only moved the money) does not make this one stale, nor does a
    /// newer state the forward's filters leave out: then this is the last the destination hears. "Since" is the
    /// state's version when both have one: a late postback can move the state back to an older postback's word (its
    /// resend no longer counts as new), which who set the status alone would order before this job.
    /// </summary>
    private static bool IsSuperseded(Forward forward, ForwardJob job, Conversion current)
    {
        var newer = job.StateVersion is { } version && current.State.Version > 0
            ? current.State.Version > version
            : string.CompareOrdinal(current.State.StatusBy, job.StatusBy) > 0;
        return current.State.Status.ToName() != job.Status && newer && forward.Filters.Match(current);
    }

    /// <summary>
    /// Ends a superseded job, making sure the newer status reaches the destination: its own job (the one the outbox
    /// makes for the state that took the status, <see cref="StatusDecision"/>) is sent by whichever copy claims it
    /// first. Its claim row is a point read: when a copy of that job holds it, that job owns the last word; when none
    /// does (it is still queued behind this one, or was never queued because the instance that decided it had not read
    /// the forward yet, <see cref="ForwardingOptions.CacheSeconds"/>), this message claims and sends it, and a copy that
    /// comes up later finds it done. It carries this message's copy, so this message, redelivered after a crash,
    /// resumes that claim; this job ends only once the newer one is sent or retrying.
    /// </summary>
    private async Task<string?> SupersedeAsync(ForwardJob job, JobClaim claim, Forward forward, Conversion current, CancellationToken cancellationToken)
    {
        var why = $"the conversion is {current.State.Status.ToName()} now (postback {current.State.StatusBy})";
        var (read, history) = await conversions.ReadAsync(job.ClickId, job.ConversionKey, cancellationToken);
        current = read ?? current;
        var newer = ForwardJob.For(forward, StatusDecision.Decided(current, history), time.GetUtcNow()) with { Copy = job.Copy, MessageId = job.MessageId };
        var newerClaim = await ClaimAsync(newer, time.GetUtcNow(), cancellationToken);
        if (newerClaim.Outcome == JobClaimOutcome.Claimed)
        {
            await SendAsync(newer, newerClaim, forward, cancellationToken);
            why += $"; that state had no job under way, so this one sent it as job {newer.Id}";
        }
        else
        {
            why += "; that state has its own job";
        }

        return await FinishAsync(job, claim, ForwardDeliveryOutcomes.Superseded, forward, null, why, cancellationToken);
    }

    private async Task<string?> SendAsync(ForwardJob job, JobClaim claim, Forward forward, CancellationToken cancellationToken)
    {
        var result = await sender.SendAsync(forward, job, cancellationToken);
        metrics.ForwardAttempted(forward.Id, result.Duration.TotalMilliseconds);
        return result switch
        {
            { Outcome: SendOutcome.Answered, StatusCode: >= 200 and < 300 } =>
                await FinishAsync(job, claim, ForwardDeliveryOutcomes.Delivered, forward, result, null, cancellationToken),
            { Outcome: SendOutcome.Answered } when !RetrySchedule.IsRetryable(result.StatusCode!.Value) =>
                await FinishAsync(job, claim, ForwardDeliveryOutcomes.Failed, forward, result, $"answered {result.StatusCode}: not retried (check the forward's template)", cancellationToken),
            { Outcome: SendOutcome.Refused or SendOutcome.Invalid } =>
                await FinishAsync(job, claim, ForwardDeliveryOutcomes.Failed, forward, result, result.Error, cancellationToken),
            _ => await RetryAsync(job, claim, forward, result, cancellationToken),
        };
    }

    private async Task<string?> RetryAsync(ForwardJob job, JobClaim claim, Forward forward, SendResult result, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        var retryAfter = result.StatusCode is { } code ? RetrySchedule.RetryAfter(code, result.RetryAfter, now) : null;
        var why = result.Outcome == SendOutcome.Answered ? $"answered {result.StatusCode}" : result.Error ?? result.Outcome.ToString();
        if (retryAfter is { } asked)
        {
            why += string.Create(System.Globalization.CultureInfo.InvariantCulture, $" (Retry-After {(long)asked.TotalSeconds} s)");
        }

        var next = RetrySchedule.NextAttemptAt(job.Attempt, job.FirstQueuedAt, now,
            TimeSpan.FromSeconds(settings.RetryBaseSeconds), TimeSpan.FromSeconds(settings.MaxRetryDelaySeconds), TimeSpan.FromHours(settings.GiveUpAfterHours),
            retryAfter);
        if (next is not { } at)
        {
            await queue.DeadLetterAsync(job, why, cancellationToken);
            return await FinishAsync(job, claim, ForwardDeliveryOutcomes.Failed, forward, result,
                $"{why}; gave up after {job.Attempt} attempts over {settings.GiveUpAfterHours} h (moved to {queue.Poison.Name})", cancellationToken);
        }

        // The next attempt is queued before this one is recorded: a failure in between sends again, never loses it.
        await queue.SendAsync(job.Next(), at - now, cancellationToken);
        return await FinishAsync(job, claim, ForwardDeliveryOutcomes.Retrying, forward, result, why, cancellationToken, at);
    }

    private async Task<string> FinishAsync(
        ForwardJob job, JobClaim claim, string outcome, Forward? forward, SendResult? result, string? error, CancellationToken cancellationToken,
        DateTimeOffset? nextAttemptAt = null)
    {
        var now = time.GetUtcNow();
        await deliveries.AddAsync(new ForwardDelivery
        {
            ForwardId = job.ForwardId, JobId = job.Id, ConversionId = job.ConversionId, Attempt = job.Attempt, At = now,
            Outcome = outcome, Status = job.Status, Method = forward?.Method, Url = result is null ? null : Bounded(ForwardRedaction.RedactUrl(result.Url), 4096),
            HttpStatus = result?.StatusCode, Error = error is null ? null : Bounded(error, 1024),
            DurationMs = result is null ? null : (long)result.Duration.TotalMilliseconds, NextAttemptAt = nextAttemptAt, Replay = job.Replay,
        }, cancellationToken);
        var status = outcome == ForwardDeliveryOutcomes.Retrying ? ForwardJobStatus.Retrying : outcome;
        if (!await jobs.TryFinishAsync(job, claim, status, error ?? outcome, now, cancellationToken))
        {
            Log.ClaimLost(logger, job.Id, job.Attempt);
        }

        Log.Attempted(logger, job.ForwardId, job.Id, job.Attempt, outcome, result?.StatusCode, error);
        switch (outcome)
        {
            case ForwardDeliveryOutcomes.Delivered:
                metrics.ForwardDelivered(job.ForwardId, result?.StatusCode);
                break;
            case ForwardDeliveryOutcomes.Retrying:
                metrics.ForwardRetried(job.ForwardId, result?.StatusCode);
                break;
            case ForwardDeliveryOutcomes.Failed:
                metrics.ForwardFailed(job.ForwardId, result?.StatusCode);
                break;
        }

        return outcome;
    }

    private static string Bounded(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>
    /// Claims <paramref name="job"/>'s attempt for this message (see <see cref="Decide"/>): a conditional write
    /// (insert-if-absent, or replace under the ETag read); another copy writing first makes it read again.
    /// </summary>
    private async Task<JobClaim> ClaimAsync(ForwardJob job, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxClaimAttempts; attempt++)
        {
            var row = await jobs.ReadAsync(job.Id, cancellationToken);
            var verdict = row is null ? JobClaimOutcome.Claimed : Decide(job, row, now);
            if (verdict != JobClaimOutcome.Claimed)
            {
                return new JobClaim(verdict, default, row!.ClaimedAt + Lease);
            }

            if (await jobs.TryClaimAsync(job, now, row, cancellationToken) is { } etag)
            {
                return new JobClaim(JobClaimOutcome.Claimed, etag);
            }
        }

        return new JobClaim(JobClaimOutcome.Busy, default);
    }

    /// <summary>
    /// Claimed: send it. Done: the job ended, or this attempt was made and the next queued, or a later one started.
    /// Busy: another copy holds this attempt and its lease has not run out (if that copy's instance dies, its own
    /// message comes back and claims it again). A twin message the SDK sent again is another copy too. Waiting: an
    /// earlier attempt is still being sent under a live lease (it queued this retry, then failed to record its
    /// result, and its message came back to send again): a retry starts once the attempt before is recorded, or
    /// its lease ran out.
    /// </summary>
    private static JobClaimOutcome Decide(ForwardJob job, JobRow row, DateTimeOffset now) => row switch
    {
        { Status: not (ForwardJobStatus.Sending or ForwardJobStatus.Retrying) } => JobClaimOutcome.Done,
        _ when job.Attempt < row.Attempt => JobClaimOutcome.Done,
        { Status: ForwardJobStatus.Retrying } when job.Attempt == row.Attempt => JobClaimOutcome.Done,
        { Status: ForwardJobStatus.Retrying } => JobClaimOutcome.Claimed,
        _ when job.Attempt > row.Attempt => now - row.ClaimedAt >= Lease ? JobClaimOutcome.Claimed : JobClaimOutcome.Waiting,
        // This very message again (or a claim written before claims named the message): it resumes its own claim.
        _ when row.Copy == job.Claimant || row.Copy == job.Copy || now - row.ClaimedAt >= Lease => JobClaimOutcome.Claimed,
        _ => JobClaimOutcome.Busy,
    };
}
