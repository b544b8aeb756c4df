using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Trax.Postbacks;

namespace Trax.Monitoring;

/// <summary>
/// Reads the approximate message count of the postback queue and of its poison queue and records both as
/// <c>trax.queue.depth</c>. The storage account's own queue metrics are account-wide and hourly: too coarse to
/// notice one poisoned postback.
/// </summary>
public sealed class QueueDepthReporter(PostbackQueue queue, QueueServiceClient queues, TraxMetrics metrics, ILogger<QueueDepthReporter> logger)
{
    public async Task<QueueDepths> ReportAsync(CancellationToken cancellationToken)
    {
        var main = await DepthAsync(queue.Client, cancellationToken);
        var poison = await DepthAsync(queues.GetQueueClient(queue.PoisonQueueName), cancellationToken);
        metrics.QueueDepth(queue.Client.Name, "main", main);
        metrics.QueueDepth(queue.PoisonQueueName, "poison", poison);
        Log.QueueDepths(logger, queue.Client.Name, main, queue.PoisonQueueName, poison);
        return new QueueDepths(main, poison);
    }

    private static async Task<long> DepthAsync(QueueClient client, CancellationToken cancellationToken)
    {
        try
        {
            QueueProperties properties = await client.GetPropertiesAsync(cancellationToken);
            return properties.ApproximateMessagesCountLong;
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == QueueErrorCode.QueueNotFound)
        {
            // Outside Azure the host creates the poison queue only when it first poisons a message.
            return 0;
        }
    }
}

public readonly record struct QueueDepths(long Main, long Poison);
