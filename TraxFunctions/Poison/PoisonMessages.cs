using System.Text;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Trax.Core;

namespace Trax.Poison;

/// <summary>
/// The poison queue, for operators: see what is there and why, and replay messages to the postback queue once the
/// cause is fixed. Both clients use no message encoding, so a message moves byte for byte — even one that is not
/// valid Base64. Replaying is safe: the processor's insert-if-absent makes a message processed twice count once.
/// </summary>
public sealed class PoisonMessages(QueueClient poison, QueueClient postbacks)
{
    public const int MaxBatch = 32;

    public string QueueName => poison.Name;

    public async Task<IReadOnlyList<PoisonMessage>> PeekAsync(int max, CancellationToken cancellationToken)
    {
        PeekedMessage[] peeked = await poison.PeekMessagesAsync(Math.Clamp(max, 1, MaxBatch), cancellationToken);
        return peeked.Select(m => Describe(m.MessageId, m.InsertedOn, m.DequeueCount, m.MessageText)).ToList();
    }

    /// <summary>Moves up to <paramref name="max"/> messages (or only <paramref name="messageId"/>) back to the postback queue.</summary>
    public async Task<IReadOnlyList<string>> ReplayAsync(int max, string? messageId, CancellationToken cancellationToken)
    {
        QueueMessage[] received = await poison.ReceiveMessagesAsync(MaxBatch, TimeSpan.FromSeconds(60), cancellationToken);
        var replayed = new List<string>();
        foreach (var message in received)
        {
            if (replayed.Count >= Math.Clamp(max, 1, MaxBatch) || (messageId is not null && message.MessageId != messageId))
            {
                // Not ours to replay: make it visible again at once.
                await poison.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken);
                continue;
            }

            // Send first, then delete: a failure in between leaves a copy in both queues, never in neither.
            await postbacks.SendMessageAsync(message.MessageText, visibilityTimeout: null, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken);
            await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            replayed.Add(message.MessageId);
        }

        return replayed;
    }

    internal static PoisonMessage Describe(string id, DateTimeOffset? insertedOn, long dequeueCount, string raw)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(raw));
        }
        catch (FormatException)
        {
            return new PoisonMessage(id, insertedOn, dequeueCount, raw, "The message is not Base64: it was not sent by Trax's PostbackQueue.");
        }

        string? problem = null;
        try
        {
            PostbackMessageJson.Deserialize(text);
        }
        catch (InvalidPostbackMessageException ex)
        {
            problem = ex.Message;
        }

        return new PoisonMessage(id, insertedOn, dequeueCount, text, problem);
    }
}
