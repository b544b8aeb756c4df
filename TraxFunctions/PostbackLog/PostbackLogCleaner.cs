namespace Trax.PostbackLog;

/// <summary>
/// Deletes the log rows of days past <see cref="TraxOptions.PostbackLogRetentionDays"/>, a whole partition at a time
/// (day-index rows stay: reports may reach further back than the log). Each run walks the <see cref="LookbackDays"/>
/// days before the cutoff, so a missed run is caught up.
/// </summary>
public sealed class PostbackLogCleaner(
    PostbackLogStore log, TimeProvider time, IOptions<TraxOptions> options, ILogger<PostbackLogCleaner> logger)
{
    public const int LookbackDays = 31;

    /// <summary>The first day kept: today and the retention's whole days before it.</summary>
    public DateOnly Cutoff => PostbackLogKeys.LogDay(time.GetUtcNow()).AddDays(-options.Value.PostbackLogRetentionDays);

    /// <summary>Returns how many log rows were deleted.</summary>
    public async Task<int> CleanAsync(CancellationToken cancellationToken)
    {
        var cutoff = Cutoff;
        var deleted = 0;
        for (var d = 1; d <= LookbackDays; d++)
        {
            deleted += await log.DeleteLogRowsAsync(cutoff.AddDays(-d), cancellationToken);
        }

        Log.Cleaned(logger, deleted, cutoff);
        return deleted;
    }
}
