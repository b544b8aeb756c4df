using Azure.Storage.Queues;
using Trax.Core;
using Trax.Storage;

namespace Trax.Postbacks;

/// <summary>
/// The postback queue. Its client is created once with Base64 message encoding, which is what the Functions queue
/// trigger decodes by default (and what host.json pins): a plain-text message would be poisoned on arrival.
/// </summary>
public sealed class PostbackQueue(QueueClient client, QueueClient poison) : MessageQueue(client, poison)
{
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

        await SendAsync(Client, json, delay: null, cancellationToken);
        return true;
    }
}
