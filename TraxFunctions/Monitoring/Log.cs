namespace Trax.Monitoring;

/// <summary>Health and queue-depth log lines. The health answer says nothing; these say what failed.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information,
        Message = "Queue depth: {QueueName} {Depth} (front message waited {OldestAgeSeconds} s), {PoisonQueueName} {PoisonDepth}")]
    public static partial void QueueDepths(ILogger logger, string queueName, long depth, double oldestAgeSeconds, string poisonQueueName, long poisonDepth);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning,
        Message = "Health check failed: storage did not answer; answered 503")]
    public static partial void Unhealthy(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error,
        Message = "Queue depth unknown: queue {QueueName} does not exist")]
    public static partial void QueueMissing(ILogger logger, string queueName);
}
