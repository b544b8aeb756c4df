using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Trax.Forwards;
using Trax.Postbacks;
using Trax.Telemetry;

namespace Trax.Monitoring;

/// <summary>
/// Reads the approximate message count of the postback queue and of its poison queue, and the age of the message
/// at the front of the postback queue, and records them as <c>trax.queue.depth</c> and <c>trax.queue.oldest_age</c>;
/// and the depths of the forward outbox and its poison queue (kinds <c>forwards</c> and <c>forwards-poison</c>).
/// The storage account's own queue metrics are account-wide and hourly: too coarse to notice one poisoned postback,
/// or a processor that stopped while intake keeps answering 200.
/// </summary>
public sealed class QueueDepthReporter(
    PostbackQueue queue, ForwardQueue forwards, TraxMetrics metrics, TimeProvider time, ILogger<QueueDepthReporter> logger)
{
    public async Task<QueueDepths> ReportAsync(CancellationToken cancellationToken)
    {
        var main = await DepthAsync(queue.Client, poison: false, cancellationToken);
        var poison = await DepthAsync(queue.Poison, poison: true, cancellationToken);
        var oldest = main > 0 ? await OldestAgeAsync(cancellationToken) : TimeSpan.Zero;
        metrics.QueueDepth(queue.Client.Name, "main", main);
        metrics.QueueDepth(queue.Poison.Name, "poison", poison);
        metrics.QueueOldestAge(queue.Client.Name, oldest);
        Log.QueueDepths(logger, queue.Client.Name, main, Math.Round(oldest.TotalSeconds), queue.Poison.Name, poison);

        // Waiting retries count in the outbox's depth (they are invisible until due); its poison queue is what to watch.
        var outbox = await DepthAsync(forwards.Client, poison: false, cancellationToken);
        var deadLetters = await DepthAsync(forwards.Poison, poison: true, cancellationToken);
        metrics.QueueDepth(forwards.Client.Name, "forwards", outbox);
        metrics.QueueDepth(forwards.Poison.Name, "forwards-poison", deadLetters);
        return new QueueDepths(main, poison, oldest, outbox, deadLetters);
    }

    /// <summary>
    /// A missing poison queue holds nothing; a missing work queue is an outage, never a healthy 0: it throws, so the
    /// timer run fails and the log names the queue.
    /// </summary>
    private async Task<long> DepthAsync(QueueClient client, bool poison, CancellationToken cancellationToken)
    {
        try
        {
            QueueProperties properties = await client.GetPropertiesAsync(cancellationToken);
            return properties.ApproximateMessagesCountLong;
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == QueueErrorCode.QueueNotFound)
        {
            if (!poison)
            {
                Log.QueueMissing(logger, client.Name);
                throw;
            }

            // Outside Azure the host creates the poison queue only when it first poisons a message.
            return 0;
        }
    }

    /// <summary>How long the message at the front has waited (a peek: nothing is dequeued).</summary>
    private async Task<TimeSpan> OldestAgeAsync(CancellationToken cancellationToken)
    {
        PeekedMessage[] front = await queue.Client.PeekMessagesAsync(1, cancellationToken);
        return front is [{ InsertedOn: { } inserted }] ? Max(time.GetUtcNow() - inserted, TimeSpan.Zero) : TimeSpan.Zero;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

public readonly record struct QueueDepths(long Main, long Poison, TimeSpan OldestAge, long Forwards = 0, long ForwardsPoison = 0);
