namespace Trax.PostbackLog;

/// <summary>
/// Hourly retention of the postback log. Hourly rather than daily so that a large expired day is worked off in
/// several runs, and a run that failed is retried within the hour; runs on an empty backlog cost a few hundred
/// empty range queries.
/// </summary>
public sealed class CleanPostbackLog(PostbackLogCleaner cleaner)
{
    /// <summary>NCRONTAB (with seconds): minute 17 of every hour, UTC.</summary>
    public const string Schedule = "0 17 * * * *";

    [Function(nameof(CleanPostbackLog))]
    public Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
        => cleaner.CleanAsync(cancellationToken);
}
