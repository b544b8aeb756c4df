namespace Trax.Rollups;

/// <summary>
/// What a report sums: a group's conversions of one quarter-hour bucket (from a rollup) or one conversion (read live
/// from the index); <see cref="At"/> is the bucket's start or the receipt time, which gives the zone day and the rate day.
/// </summary>
public readonly record struct RollupItem(DateTimeOffset At, RollupGroup Group, RollupSum Sum);
