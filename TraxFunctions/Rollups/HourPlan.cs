using Trax.Storage;

namespace Trax.Rollups;

/// <summary>
/// How the hours of one shard-day that an interval [start, end) touches are read, for conversions and clicks alike:
/// from the hour's rollup when it is current, stored (not too big) and each of its quarters lies wholly inside or
/// wholly outside the interval; else live from the rows, which one query reads over the span of those hours.
/// </summary>
public sealed class HourPlan
{
    private readonly List<int> live = [];

    private HourPlan()
    {
    }

    /// <summary>The hours read from their rollups: each hour's start and its packed sums.</summary>
    public List<(DateTimeOffset HourStart, string Data)> Rolled { get; } = [];

    /// <summary>The number of hours read live.</summary>
    public int LiveHours => live.Count;

    /// <summary>What to read live: the first live hour's start to the last one's end, cut to the interval (null: nothing).</summary>
    public (DateTimeOffset From, DateTimeOffset To)? LiveSpan { get; private set; }

    /// <summary>The UTC midnight that starts <paramref name="day"/>.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static HourPlan Of(HourRollupState state, DateOnly day, DateTimeOffset start, DateTimeOffset end)
    {
        var plan = new HourPlan();
        var dayStart = StartOf(day);
        for (var hour = 0; hour < 24; hour++)
        {
            var hourStart = dayStart.AddHours(hour);
            if (hourStart.AddHours(1) <= start || hourStart >= end)
            {
                continue;
            }

            if (!state.IsClean(hour) || state.Rollups[hour].Data is not { } data || !QuartersWhole(hourStart, start, end))
            {
                plan.live.Add(hour);
                continue;
            }

            plan.Rolled.Add((hourStart, data));
        }

        if (plan.live.Count > 0)
        {
            plan.LiveSpan = (Max(start, dayStart.AddHours(plan.live[0])), Min(end, dayStart.AddHours(plan.live[^1] + 1)));
        }

        return plan;
    }

    /// <summary>True when a row made at <paramref name="at"/> (inside <see cref="LiveSpan"/>) falls in an hour read live.</summary>
    public bool IsLive(DateTimeOffset at) => live.Contains(at.UtcDateTime.Hour);

    /// <summary>
    /// The hours of a shard-day a roll writes: those closed by <paramref name="now"/> whose rollup is not current (with
    /// <paramref name="force"/>, every closed hour: a rebuild), in order.
    /// </summary>
    public static List<int> Stale(HourRollupState state, DateOnly day, DateTimeOffset now, bool force)
    {
        var dayStart = StartOf(day);
        return [.. Enumerable.Range(0, 24).Where(h => dayStart.AddHours(h + 1) <= now && (force || !state.IsClean(h)))];
    }

    /// <summary>True when each quarter of the hour is wholly inside or wholly outside [start, end).</summary>
    private static bool QuartersWhole(DateTimeOffset hourStart, DateTimeOffset start, DateTimeOffset end) =>
        Enumerable.Range(0, 4).All(q =>
        {
            var (qs, qe) = (hourStart.AddMinutes(15 * q), hourStart.AddMinutes(15 * (q + 1)));
            return (qs >= start && qe <= end) || qe <= start || qs >= end;
        });

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
