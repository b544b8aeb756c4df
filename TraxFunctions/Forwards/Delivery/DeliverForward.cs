using Trax.Storage;

namespace Trax.Forwards;

/// <summary>
/// Reads the <c>forwards</c> queue. Retries of a destination are new messages (the deliverer queues them with a
/// delay), so this throws only for an unreadable message or a storage failure: the host then makes the message
/// visible again and, after host.json's <c>maxDequeueCount</c> (5), moves it to <c>forwards-poison</c>.
/// </summary>
public sealed class DeliverForward(ForwardDeliverer deliverer, ILogger<DeliverForward> logger)
{
    [Function(nameof(DeliverForward))]
    public async Task RunAsync(
        [QueueTrigger(TraxOptions.ForwardQueueNameExpression, Connection = StorageConnection.Name)] string message,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        ForwardJob job;
        try
        {
            job = ForwardJobJson.Deserialize(message);
        }
        catch (InvalidForwardJobException ex)
        {
            Log.Malformed(logger, ex.Message);
            throw;
        }

        // The message's id tells a redelivery of this message from a twin the SDK sent again (ForwardJob.MessageId).
        var id = context.BindingContext.BindingData.TryGetValue("Id", out var value) ? value?.ToString() : null;
        await deliverer.DeliverAsync(job with { MessageId = id }, cancellationToken);
    }
}
