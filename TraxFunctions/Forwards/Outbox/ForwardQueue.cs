using Azure.Storage.Queues;
using Trax.Core;
using Trax.Storage;

namespace Trax.Forwards;

/// <summary>
/// The outbox between the processor and the deliverer: <c>forwards</c>, and <c>forwards-poison</c> for jobs that ran
/// out of retries or cannot be read. Base64 like the postback queue, which is what the trigger decodes. A job made
/// from a conversion Trax accepts today always fits a message (docs/processing.md works out the largest); one made
/// from a conversion stored before its values were bounded may not, and is refused here without a call.
/// </summary>
public sealed class ForwardQueue(QueueClient client, QueueClient poison) : MessageQueue(client, poison)
{
    /// <summary>The longest last error a dead-lettered job carries (its delivery row has it too).</summary>
    public const int MaxLastErrorLength = 1024;

    /// <summary>
    /// Queues a job, visible after <paramref name="delay"/> (a retry's backoff, without holding an instance). False,
    /// and nothing sent, when the job is larger than a queue message holds (retrying could never send it).
    /// </summary>
    public async Task<bool> TrySendAsync(ForwardJob job, TimeSpan? delay, CancellationToken cancellationToken)
    {
        var json = ForwardJobJson.Serialize(job);
        if (json.Length > PostbackLimits.MaxMessageBytes)
        {
            return false;
        }

        await SendAsync(Client, json, delay is { } d && d > TimeSpan.Zero ? d : null, cancellationToken);
        return true;
    }

    /// <summary>Queues the next attempt of a job that was queued before: it fits, as its first attempt did.</summary>
    public async Task SendAsync(ForwardJob job, TimeSpan? delay, CancellationToken cancellationToken)
    {
        if (!await TrySendAsync(job, delay, cancellationToken))
        {
            throw new InvalidOperationException($"Forward job {job.Id} is larger than a queue message, although it was queued before.");
        }
    }

    /// <summary>
    /// Moves a job that ran out of retries to the poison queue, with its last error (at most
    /// <see cref="MaxLastErrorLength"/> characters, and left out if even that would not fit).
    /// </summary>
    public async Task DeadLetterAsync(ForwardJob job, string lastError, CancellationToken cancellationToken)
    {
        var json = ForwardJobJson.Serialize(job with { LastError = lastError.Length <= MaxLastErrorLength ? lastError : lastError[..(MaxLastErrorLength - 1)] + "…" });
        if (json.Length > PostbackLimits.MaxMessageBytes)
        {
            json = ForwardJobJson.Serialize(job with { LastError = null });
        }

        await SendAsync(Poison, json, delay: null, cancellationToken);
    }
}
