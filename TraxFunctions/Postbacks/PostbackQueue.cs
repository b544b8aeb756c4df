using Azure.Storage.Queues;
using Trax.Core;
using Trax.Storage;

namespace Trax.Postbacks;

/// <summary>
/// The postback queue. Its client is created once with Base64 message encoding, which is what the Functions queue
/// trigger decodes by default (and what host.json pins): a plain-text message would be poisoned on arrival.
/// </summary>
public sealed class PostbackQueue(QueueClient client, QueueClient poison) : IStorageResource
{
    /// <summary>Messages never expire: a backlog during an outage must wait for the processor, not vanish.</summary>
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    public QueueClient Client { get; } = client;

    /// <summary>The queue where the host moves messages that failed <c>maxDequeueCount</c> times.</summary>
    public QueueClient Poison { get; } = poison;

    public string Name => Client.Name;

    public static string PoisonQueueName(string queueName) => StorageServiceCollectionExtensions.PoisonQueueName(queueName);

    /// <summary>
    /// Returns true once the queue service has durably stored the message, and false, without any call, for a message
    /// too large for a queue (retrying could never store it); throws when the queue cannot be reached.
    /// </summary>
    public async Task<bool> TrySendAsync(PostbackMessage message, CancellationToken cancellationToken)
    {
        var json = PostbackMessageJson.Serialize(message);
        if (json.Length > PostbackLimits.MaxMessageBytes)
        {
            return false;
        }

        await Client.SendMessageAsync(new BinaryData(json), visibilityTimeout: null, timeToLive: NeverExpires, cancellationToken);
        return true;
    }

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken)
    {
        await Client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    public async Task ProbeAsync(CancellationToken cancellationToken) => await Client.GetPropertiesAsync(cancellationToken);
}
