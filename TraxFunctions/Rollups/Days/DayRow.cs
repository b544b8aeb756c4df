namespace Trax.Rollups;

/// <summary>
/// A decoded day rollup (<see cref="DayRowCodec"/>): its groups, each materialised once, and its entries, each a
/// quarter-hour of the UTC day (0-95), the index of its group in <see cref="Groups"/> and the group's sum in it.
/// </summary>
public sealed class DayRow(RollupGroup[] groups, DayRow.Entry[] entries)
{
    public RollupGroup[] Groups { get; } = groups;

    public Entry[] Entries { get; } = entries;

    /// <summary>One quarter-hour and group of the day.</summary>
    public readonly record struct Entry(int Quarter, int Group, RollupSum Sum);
}
