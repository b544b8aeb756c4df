using Trax.Conversions;

namespace Trax.Forwards;

/// <summary>
/// Hears of every counted conversion and status change (<see cref="IConversionListener"/>) and queues a job for
/// each enabled forward whose filters match (attribution included: a forward names the attributions it takes).
/// Only queueing happens here: a destination that is down never slows or fails the processing of a postback. Queued
/// again when the postback's message is redelivered: the job id is the same, and the deliverer sends it once.
/// </summary>
public sealed class ForwardOutbox(ForwardCache forwards, ForwardQueue queue, TimeProvider time) : IConversionListener
{
    public Task ConversionCountedAsync(Conversion conversion, CancellationToken cancellationToken) =>
        QueueAsync(conversion, forward => forward.Filters.Match(conversion), cancellationToken);

    /// <summary>
    /// Only to the forwards that did not hear of the conversion while it was unattributed: one that did has each of its
    /// statuses already (a later repeat may have moved who set the state, so the job id alone would not tell).
    /// </summary>
    public Task ConversionAttributedAsync(Conversion conversion, CancellationToken cancellationToken)
    {
        var unattributed = conversion with { Attribution = null };
        return QueueAsync(conversion, forward => forward.Filters.Match(conversion) && !forward.Filters.Match(unattributed), cancellationToken);
    }

    private async Task QueueAsync(Conversion conversion, Func<Forward, bool> matches, CancellationToken cancellationToken)
    {
        foreach (var forward in await forwards.EnabledAsync(cancellationToken))
        {
            if (matches(forward))
            {
                await queue.SendAsync(ForwardJob.For(forward, conversion, time.GetUtcNow()), delay: null, cancellationToken);
            }
        }
    }
}
