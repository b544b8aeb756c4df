using Azure;
using Trax.Storage;

using Trax.PostbackLog;

namespace Trax.Rollups;

/// <summary>
/// Every five minutes, rolls the closed hours of today and the two days before that are not current (an hour closes,
/// or a late change marked an old one): one query per shard-day finds them, so a quiet run costs 24 queries. Once an
/// hour (minute 41) it looks back <see cref="SweepDays"/> days, for late changes to older days, and rolls any older day
/// marked changed (<see cref="DayRollupRoller.MarkedDaysAsync"/>, one query). Each run also opens
/// today's and tomorrow's shard-days (16 requests, inserts that find them open), so a day's first write in a shard
/// is one request like every other (<see cref="DayRollupRoller.PrepareAsync"/>). Off the postback path.
/// </summary>
public sealed class RollHours(RollupRoller roller, DayRollupRoller days, TimeProvider time, ILogger<RollHours> logger)
{
    /// <summary>NCRONTAB (with seconds): every five minutes, UTC.</summary>
    public const string Schedule = "0 */5 * * * *";

    /// <summary>How far back the hourly sweep looks: updates and chargebacks come weeks late.</summary>
    public const int SweepDays = 45;

    /// <summary>How far back the hourly sweep looks for days marked changed (the longest report range).</summary>
    public const int MarkedDaysBack = 400;

    [Function(nameof(RollHours))]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var to = PostbackLogKeys.LogDay(now);
        var sweep = now.Minute is >= 40 and < 45;
        var from = to.AddDays(sweep ? -SweepDays : -2);
        var hours = await roller.RollDaysAsync(from, to, cancellationToken);
        Log.TimerRolled(logger, hours, from, to);
        if (sweep)
        {
            // The sweep also rolls older days a late change marked, so they are read from their rows again.
            var marked = await days.MarkedDaysAsync(to.AddDays(-MarkedDaysBack), from.AddDays(-1), cancellationToken);
            foreach (var day in marked)
            {
                await roller.RollDaysAsync(day, day, cancellationToken);
            }
        }

        try
        {
            await Task.WhenAll(days.PrepareAsync(to, cancellationToken), days.PrepareAsync(to.AddDays(1), cancellationToken));
        }
        catch (RequestFailedException ex)
        {
            // Only a cost: an unopened shard-day's first write opens it itself.
            Log.PrepareFailed(logger, to, ex.Status);
        }
    }
}
