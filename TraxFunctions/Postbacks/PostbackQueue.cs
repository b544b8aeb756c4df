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

    /// <summary>Returns once the queue service has durably stored the message; throws otherwise.</summary>
    public Task SendAsync(PostbackMessage message, CancellationToken cancellationToken) =>
        Client.SendMessageAsync(BinaryData.FromBytes(PostbackMessageJson.Serialize(message)),
            visibilityTimeout: null, timeToLive: NeverExpires, cancellationToken);
}
