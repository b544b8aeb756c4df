using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Trax.Storage;

namespace Trax.Forwards;

/// <summary>
/// Retention of the delivery log: the same number of days as the postback log
/// (<see cref="TraxOptions.PostbackLogRetentionDays"/>). Each run walks the 31 days before the cutoff for every
/// forward that exists, a partition at a time, so a missed run is caught up. A deleted forward's rows stay until
/// the forward is saved again (or are removed by hand): they are its last evidence.
/// </summary>
public sealed class ForwardDeliveryCleaner(ForwardStore forwards, ForwardDeliveryStore deliveries, TimeProvider time, IOptions<TraxOptions> options)
{
    public const int LookbackDays = 31;

    public async Task<int> CleanAsync(CancellationToken cancellationToken)
    {
        var cutoff = Keys.LogDay(time.GetUtcNow()).AddDays(-options.Value.PostbackLogRetentionDays);
        var deleted = 0;
        foreach (var forward in await forwards.ListAsync(cancellationToken))
        {
            for (var d = 1; d <= LookbackDays; d++)
            {
                deleted += await deliveries.DeleteDayAsync(forward.Id, cutoff.AddDays(-d), cancellationToken);
            }
        }

        return deleted;
    }
}

/// <summary>Hourly, at minute 47 (the postback log's runs at 17).</summary>
public sealed class CleanForwardDeliveries(ForwardDeliveryCleaner cleaner)
{
    public const string Schedule = "0 47 * * * *";

    [Function(nameof(CleanForwardDeliveries))]
    public Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) => cleaner.CleanAsync(cancellationToken);
}
