using Trax.Conversions;
using Trax.Telemetry;

namespace Trax.Forwards;

/// <summary>
/// Hears of every counted conversion and status change (<see cref="IConversionListener"/>) and queues a job for
/// each enabled forward whose filters match (attribution included: a forward names the attributions it takes).
/// Only queueing happens here: a destination that is down never slows or fails the processing of a postback. Queued
/// again when the postback's message is redelivered: the job id is the same, and the deliverer sends it once. A job
/// too large for a queue message (only a conversion stored before txids were bounded makes one) is not queued: it
/// fails at once, in the delivery log, and the conversion stands.
/// </summary>
public sealed class ForwardOutbox(
    ForwardCache forwards, ForwardQueue queue, ForwardDeliveryStore deliveries, ConversionStore conversions, TimeProvider time,
    TraxMetrics metrics, ILogger<ForwardOutbox> logger)
    : IConversionListener
{
    public async Task ConversionCountedAsync(Conversion conversion, CancellationToken cancellationToken) =>
        await QueueAsync(conversion, (await forwards.EnabledAsync(cancellationToken)).Where(forward => forward.Filters.Match(conversion)), cancellationToken);

    /// <summary>
    /// Only to the forwards that did not hear of the conversion while it was unattributed: one that did has each of its
    /// statuses already (a later repeat may have moved who set the state, so the job id alone would not tell). The job
    /// is the one of the state in which the conversion took its status (<see cref="StatusDecision"/>), the job a
    /// superseded job or a replay of an orphan sends in its place: in the state now, a repeat of the status since
    /// would make it another job, and the partner would hear the status twice.
    /// </summary>
    public async Task ConversionAttributedAsync(Conversion conversion, CancellationToken cancellationToken)
    {
        var unattributed = conversion with { Attribution = null };
        var newly = (await forwards.EnabledAsync(cancellationToken))
            .Where(forward => forward.Filters.Match(conversion) && !forward.Filters.Match(unattributed)).ToList();
        if (newly.Count == 0)
        {
            return;
        }

        var (_, history) = await conversions.ReadAsync(conversion.ClickId, conversion.Key, cancellationToken);
        await QueueAsync(StatusDecision.Decided(conversion, history), newly, cancellationToken);
    }

    private async Task QueueAsync(Conversion conversion, IEnumerable<Forward> matching, CancellationToken cancellationToken)
    {
        foreach (var forward in matching)
        {
            var job = ForwardJob.For(forward, conversion, time.GetUtcNow());
            if (!await queue.TrySendAsync(job, delay: null, cancellationToken))
            {
                await FailTooLargeAsync(forward, job, cancellationToken);
            }
        }
    }

    private async Task FailTooLargeAsync(Forward forward, ForwardJob job, CancellationToken cancellationToken)
    {
        var error = TooLarge(job);
        await deliveries.AddAsync(new ForwardDelivery
        {
            ForwardId = job.ForwardId, JobId = job.Id, ConversionId = job.ConversionId, Attempt = job.Attempt, At = time.GetUtcNow(),
            Outcome = ForwardDeliveryOutcomes.Failed, Status = job.Status, Method = forward.Method, Error = error, Replay = job.Replay,
        }, cancellationToken);
        Log.Attempted(logger, job.ForwardId, job.Id, job.Attempt, ForwardDeliveryOutcomes.Failed, null, error);
        metrics.ForwardFailed(job.ForwardId, null);
    }

    /// <summary>Why a job was not queued: a conversion whose values are longer than Trax accepts today.</summary>
    internal static string TooLarge(ForwardJob job) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"not sent: the job is {ForwardJobJson.Serialize(job).Length:N0} bytes, larger than a queue message holds ({Core.PostbackLimits.MaxMessageBytes:N0}); the conversion was stored before Trax bounded its txid at {Core.PostbackLimits.MaxTxIdLength:N0} characters");
}
