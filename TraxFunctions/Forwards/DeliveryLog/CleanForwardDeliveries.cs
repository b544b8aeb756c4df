namespace Trax.Forwards;

/// <summary>Hourly, at minute 47 (the postback log's runs at 17).</summary>
public sealed class CleanForwardDeliveries(ForwardDeliveryCleaner cleaner)
{
    public const string Schedule = "0 47 * * * *";

    [Function(nameof(CleanForwardDeliveries))]
    public Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) => cleaner.CleanAsync(cancellationToken);
}
