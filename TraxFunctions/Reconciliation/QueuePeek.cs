using System.Text.Json;
using Azure.Storage.Queues.Models;
using Trax.Core;

namespace Trax.Reconciliation;

/// <summary>The postbacks a queue holds, as evidence for a reconciliation: one peek, nothing taken off the queue.</summary>
public static class QueuePeek
{
    /// <summary>The most messages a queue peek returns (the service's limit).</summary>
    private const int PeekLimit = 32;

    /// <summary>What a queue holds, as far as one peek reaches (the service returns at most 32 messages).</summary>
    public static async Task<(IReadOnlyList<PostbackMessage> Messages, bool Complete)> ReadAsync(
        Azure.Storage.Queues.QueueClient client, CancellationToken cancellationToken)
    {
        PeekedMessage[] peeked;
        try
        {
            peeked = await client.PeekMessagesAsync(PeekLimit, cancellationToken);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // No poison queue yet: nothing ever failed.
            return ([], true);
        }

        var messages = new List<PostbackMessage>();
        foreach (var message in peeked)
        {
            try
            {
                messages.Add(PostbackMessageJson.Deserialize(message.Body.ToMemory().Span));
            }
            catch (Exception ex) when (ex is InvalidPostbackMessageException or JsonException or FormatException)
            {
                // Not a postback Trax can read (the poison queue keeps such too): no evidence for any row.
            }
        }

        return (messages, peeked.Length < PeekLimit);
    }
}
