using Azure.Storage.Queues.Models;
using Trax.Conversions;

namespace Trax.Testing;

/// <summary>The host's queue triggers, played: ProcessPostback on the postback queue, DeliverForward on the forward outbox.</summary>
public sealed partial class TraxApp
{
    /// <summary>Runs ProcessPostback on one message's text, as the queue trigger would hand it over.</summary>
    public Task ProcessAsync(string message, CancellationToken cancellationToken = default) =>
        Host.RunAsync(nameof(ProcessPostback), message, cancellationToken);

    /// <summary>Every message now in the queue (they stay invisible for five minutes).</summary>
    public async Task<IReadOnlyList<QueueMessage>> ReceiveAllAsync()
    {
        var all = new List<QueueMessage>();
        while (true)
        {
            QueueMessage[] batch = await RawQueue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5));
            if (batch.Length == 0)
            {
                return all;
            }

            all.AddRange(batch);
        }
    }

    /// <summary>The texts of every queued message, decoded as the trigger decodes them (messageEncoding=base64).</summary>
    public async Task<IReadOnlyList<string>> ReceiveTextsAsync() => [.. (await ReceiveAllAsync()).Select(DecodeLikeTheTrigger)];

    public static string DecodeLikeTheTrigger(QueueMessage message) =>
        System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(message.MessageText));

    /// <summary>
    /// Processes every queued message (concurrently), deleting each after success like the host. With
    /// <paramref name="deliveries"/> above 1, a message whose run throws is run again, up to that many times in all, as
    /// the host delivers it again (host.json's maxDequeueCount is 5); the last failure is thrown.
    /// </summary>
    public async Task<int> DrainAsync(int concurrency = 32, int deliveries = 1)
    {
        var messages = await ReceiveAllAsync();
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (m, ct) =>
        {
            for (var delivery = 1; ; delivery++)
            {
                try
                {
                    await ProcessAsync(DecodeLikeTheTrigger(m), ct);
                    break;
                }
                catch (InvalidOperationException) when (delivery < deliveries)
                {
                    // The processor gave up on a conversion that kept changing: the host would deliver it again.
                }
            }

            await RawQueue.DeleteMessageAsync(m.MessageId, m.PopReceipt, ct);
        });
        return messages.Count;
    }

    public Task DeliverAsync(string job, CancellationToken cancellationToken = default) =>
        Host.RunAsync("DeliverForward", job, cancellationToken);

    /// <summary>Delivers a message as the trigger does: its text, and its id in the binding data.</summary>
    public Task DeliverAsync(QueueMessage message, CancellationToken cancellationToken = default) =>
        Host.RunAsync("DeliverForward", DecodeLikeTheTrigger(message), new Dictionary<string, object?> { ["Id"] = message.MessageId }, cancellationToken);

    /// <summary>Every forward job now visible in the outbox, decoded as the trigger decodes them (they stay invisible for five minutes).</summary>
    public async Task<IReadOnlyList<QueueMessage>> ReceiveForwardJobsAsync()
    {
        var all = new List<QueueMessage>();
        while (true)
        {
            QueueMessage[] batch = await RawForwardQueue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5));
            if (batch.Length == 0)
            {
                return all;
            }

            all.AddRange(batch);
        }
    }

    /// <summary>
    /// Plays the forward trigger until the outbox is empty: delivers every visible job (concurrently), deleting each
    /// after success like the host; retries the deliverer queued come round in the next pass. Returns the jobs run.
    /// </summary>
    public async Task<int> DeliverForwardsAsync(int concurrency = 16, int maxPasses = 50)
    {
        var total = 0;
        for (var pass = 0; pass < maxPasses; pass++)
        {
            var messages = await ReceiveForwardJobsAsync();
            if (messages.Count == 0)
            {
                return total;
            }

            await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (m, ct) =>
            {
                await DeliverAsync(m, ct);
                await RawForwardQueue.DeleteMessageAsync(m.MessageId, m.PopReceipt, ct);
            });
            total += messages.Count;
        }

        return total;
    }
}
