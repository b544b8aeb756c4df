namespace Trax.Traffic;

/// <summary>
/// What a traffic report sums: a group's clicks of one quarter-hour bucket (from a rollup) or one click (read live);
/// <see cref="At"/> is the bucket's start or the click's time, which gives the zone day and the rate day.
/// </summary>
public readonly record struct ClickItem(DateTimeOffset At, TrafficGroup Group, ClickSum Sum);
