using System.Text;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Trax.Core;
using Trax.Http;

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

    /// <summary>The most messages a replay by id looks through (32 receives) before it says how far it searched.</summary>
    public const int MaxSearched = 32 * MaxBatch;

    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(60);

    /// <summary>Moves up to <paramref name="max"/> messages from the front of the poison queue back to the postback queue.</summary>
    public async Task<IReadOnlyList<string>> ReplayAsync(int max, CancellationToken cancellationToken)
    {
        QueueMessage[] received = await poison.ReceiveMessagesAsync(Math.Clamp(max, 1, MaxBatch), Hold, cancellationToken);
        var replayed = new List<string>();
        try
        {
            foreach (var message in received)
            {
                await MoveAsync(message, cancellationToken);
                replayed.Add(message.MessageId);
            }
        }
        finally
        {
            // After a failure, those not moved are listed and replayable again at once, not hidden for the hold.
            await ReleaseAsync(received.Skip(replayed.Count));
        }

        return replayed;
    }

    /// <summary>
    /// Moves the message <paramref name="messageId"/> back to the postback queue, wherever it is in the poison queue.
    /// A peek shows only the first 32, so the queue is received 32 at a time, each message held (invisible) until the
    /// search ends and then made visible again at once: receiving is what lets the search see past the 32nd. It adds
    /// one to each searched message's dequeue count (nothing triggers on the poison queue, so nothing acts on it).
    /// </summary>
    public async Task<PoisonSearch> ReplayAsync(string messageId, CancellationToken cancellationToken)
    {
        var held = new List<QueueMessage>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            while (seen.Count < MaxSearched)
            {
                QueueMessage[] batch = await poison.ReceiveMessagesAsync(MaxBatch, Hold, cancellationToken);
                if (batch.Length == 0)
                {
                    return new PoisonSearch(false, seen.Count, WholeQueue: true);
                }

                // The batch's other messages are held too (and released below), the ones after the id as well.
                var target = batch.FirstOrDefault(m => m.MessageId == messageId);
                held.AddRange(batch.Where(m => m.MessageId != messageId));
                if (target is not null)
                {
                    try
                    {
                        await MoveAsync(target, cancellationToken);
                    }
                    catch
                    {
                        // A retry must find it, not answer that it was replayed already.
                        held.Add(target);
                        throw;
                    }

                    return new PoisonSearch(true, seen.Count, WholeQueue: false);
                }

                var news = false;
                foreach (var message in batch)
                {
                    news |= seen.Add(message.MessageId);
                }

                // Only messages seen before: their hold ran out during a long search, so the queue has been gone through.
                if (!news)
                {
                    return new PoisonSearch(false, seen.Count, WholeQueue: true);
                }
            }

            return new PoisonSearch(false, seen.Count, WholeQueue: false);
        }
        finally
        {
            await ReleaseAsync(held);
        }
    }

    /// <summary>Makes received messages that were not moved visible again at once (were this to fail, the hold ends within a minute anyway).</summary>
    private async Task ReleaseAsync(IEnumerable<QueueMessage> messages)
    {
        foreach (var message in messages)
        {
            try
            {
                await poison.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None);
            }
            catch (RequestFailedException ex) when (NoLongerHeld(ex))
            {
                // Its hold ran out and another replay took it, or it was received again later in a search.
            }
            catch (Exception ex) when (StorageFault.Is(ex, CancellationToken.None))
            {
                // Storage is down (the failure being answered, most likely): the hold ends within a minute anyway.
            }
        }
    }

    private async Task MoveAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        // Send first, then delete: a failure in between leaves a copy in both queues, never in neither.
        await postbacks.SendMessageAsync(message.MessageText, visibilityTimeout: null, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken);
        try
        {
            await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (RequestFailedException ex) when (NoLongerHeld(ex))
        {
            // The hold ran out before the delete (slow storage): the copy is sent, so it is replayed; the poison copy
            // left (if no other replay took it) is a harmless second copy, as after any failure between the two.
        }
    }

    /// <summary>
    /// The pop receipt is stale: the message is gone (404) or was received again since (400 PopReceiptMismatch,
    /// Azure's answer when it is still there under another receipt).
    /// </summary>
    private static bool NoLongerHeld(RequestFailedException ex) =>
        ex.Status == 404 || ex.ErrorCode == QueueErrorCode.PopReceiptMismatch;

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
