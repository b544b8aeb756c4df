using Trax.Conversions;

namespace Trax.Forwards;

/// <summary>
/// Hears of every counted conversion and status change (<see cref="IConversionListener"/>) and queues a job for
/// each enabled forward whose filters match. Only queueing happens here: a destination that is down never slows or
/// fails the processing of a postback. Queued again when the postback's message is redelivered: the job id is the
/// same, and the deliverer sends it once.
/// </summary>
public sealed class ForwardOutbox(ForwardCache forwards, ForwardQueue queue, TimeProvider time) : IConversionListener
{
    public async Task ConversionCountedAsync(Conversion conversion, CancellationToken cancellationToken)
    {
        foreach (var forward in await forwards.EnabledAsync(cancellationToken))
        {
            if (forward.Filters.Match(conversion))
            {
                await queue.SendAsync(ForwardJob.For(forward, conversion, time.GetUtcNow()), delay: null, cancellationToken);
            }
        }
    }
}
