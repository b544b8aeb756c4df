namespace Trax.Monitoring;

/// <summary>Every minute: the depths of the postback queue and its poison queue, as metrics.</summary>
public sealed class ReportQueueDepth(QueueDepthReporter reporter)
{
    public const string Schedule = "0 * * * * *";

    [Function(nameof(ReportQueueDepth))]
    public Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
        => reporter.ReportAsync(cancellationToken);
}
