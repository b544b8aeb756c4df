namespace Trax.Rates;

/// <summary>
/// Fetches the reference rates hourly (the ECB publishes once a working day, around 16:00 CET): a run costs one GET
/// and one query, writes only new or changed days, and a missed or failed run is made good within the hour.
/// </summary>
public sealed class FetchRates(RatesFetcher fetcher)
{
    /// <summary>NCRONTAB (with seconds): minute 23 of every hour, UTC.</summary>
    public const string Schedule = "0 23 * * * *";

    [Function(nameof(FetchRates))]
    public Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
        => fetcher.FetchAsync(cancellationToken);
}
