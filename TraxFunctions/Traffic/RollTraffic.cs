using Trax.Clicks;

namespace Trax.Traffic;

/// <summary>
/// Every five minutes, rolls the closed click hours of today and the day before that are not current. Clicks are
/// never changed once counted (only a lost click's count is taken back, within its request), so no long sweep back is
/// needed; a day rolled late is read live until then, and the report stays exact either way. Off the click path.
/// </summary>
public sealed class RollTraffic(TrafficRoller roller, TimeProvider time, ILogger<RollTraffic> logger)
{
    /// <summary>NCRONTAB (with seconds): every five minutes, at second 30 (beside the conversion roller's second 0).</summary>
    public const string Schedule = "30 */5 * * * *";

    [Function(nameof(RollTraffic))]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var to = ClickDayKeys.Day(time.GetUtcNow());
        var from = to.AddDays(-1);
        var hours = await roller.RollDaysAsync(from, to, cancellationToken);
        Log.TimerRolled(logger, hours, from, to);
    }
}
