namespace Trax.Forwards;

/// <summary>
/// Retention of the delivery log and of the job claims (ForwardJobs): the same number of days as the postback log
/// (<see cref="TraxOptions.PostbackLogRetentionDays"/>), but never less than a job can live (its retries stop
/// <see cref="ForwardingOptions.GiveUpAfterHours"/> after it was queued) and a day, so that a job still being retried
/// keeps its claim. Each run walks the 31 days before the cutoff for every forward that exists, a partition at a
/// time, so a missed run is caught up: the claims of the jobs a day's rows name are deleted first (a job has its own
/// partition: one delete each), then the day's rows, so a run cut short finds the same jobs next time. A deleted
/// forward's rows and claims stay until the forward is saved again (or are removed by hand): they are its last evidence.
/// </summary>
public sealed class ForwardDeliveryCleaner(
    ForwardStore forwards, ForwardDeliveryStore deliveries, ForwardJobStore jobs, TimeProvider time, IOptions<TraxOptions> options,
    IOptions<ForwardingOptions> forwarding)
{
    public const int LookbackDays = 31;

    /// <summary>How many claims are deleted at once.</summary>
    private const int DeleteConcurrency = 16;

    /// <summary>The first day kept: today and the retention's whole days before it, or more while a job of it may still run.</summary>
    public DateOnly Cutoff
    {
        get
        {
            var jobLifetimeDays = (forwarding.Value.GiveUpAfterHours + 23) / 24 + 1;
            return DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-Math.Max(options.Value.PostbackLogRetentionDays, jobLifetimeDays));
        }
    }

    /// <summary>Returns how many delivery rows were deleted.</summary>
    public async Task<int> CleanAsync(CancellationToken cancellationToken)
    {
        var cutoff = Cutoff;
        var deleted = 0;
        foreach (var forward in await forwards.ListAsync(cancellationToken))
        {
            for (var d = 1; d <= LookbackDays; d++)
            {
                var day = cutoff.AddDays(-d);
                await Parallel.ForEachAsync(await deliveries.JobIdsOfDayAsync(forward.Id, day, cancellationToken),
                    new ParallelOptions { MaxDegreeOfParallelism = DeleteConcurrency, CancellationToken = cancellationToken },
                    async (jobId, ct) => await jobs.DeleteAsync(jobId, ct));
                deleted += await deliveries.DeleteDayAsync(forward.Id, day, cancellationToken);
            }
        }

        return deleted;
    }
}
