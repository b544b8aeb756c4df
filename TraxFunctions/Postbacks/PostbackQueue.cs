using Azure.Storage.Queues;

namespace Trax.Postbacks;

/// <summary>
/// The postback queue. Its client is created once with Base64 message encoding, which is what the Functions queue
/// trigger decodes by default (and what host.json pins): a plain-text message would be poisoned on arrival.
/// </summary>
public sealed class PostbackQueue(QueueClient client)
{
    /// <summary>Messages never expire: a backlog during an outage must wait for the processor, not vanish.</summary>
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    public QueueClient Client { get; } = client;

    /// <summary>The queue where the host moves messages that failed <c>maxDequeueCount</c> times.</summary>
    public string PoisonQueueName => Client.Name + "-poison";

    /// <summary>
    /// Returns once the queue service has durably stored the message; throws otherwise. A message too large for a
    /// queue throws <see cref="PostbackTooLargeException"/> before any call: retrying could never store it.
    /// </summary>
    public async Task SendAsync(PostbackMessage message, CancellationToken cancellationToken)
    {
        // Pooled bytes, returned only after the send (and the SDK's retries) has finished with them.
        using var json = PostbackMessageJson.SerializeRented(message);
        if (json.Memory.Length > PostbackLimits.MaxMessageBytes)
        {
            throw new PostbackTooLargeException(json.Memory.Length);
        }

        await Client.SendMessageAsync(new BinaryData(json.Memory), visibilityTimeout: null, timeToLive: NeverExpires, cancellationToken);
    }
}

/// <summary>The message would not fit in a queue message: a bad request, not a storage outage.</summary>
public sealed class PostbackTooLargeException(int bytes)
    : Exception($"The postback message is {bytes} bytes; a queue message holds {PostbackLimits.MaxMessageBytes}.");
