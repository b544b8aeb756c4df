namespace Trax.Rollups;

/// <summary>What <see cref="RollupReader"/> read: the items to sum, and how many hours came from rollups and how many live.</summary>
public sealed class RollupRead : HourTotals<RollupItem>
{
    /// <summary>The UTC days read whole from the second level (their hours are counted in <see cref="RolledHours"/> too, 8 per hour).</summary>
    public int RolledDays { get; set; }

    /// <summary>The shard-days that had hours read live (a closed one is worth rolling again: read-repair).</summary>
    public List<(DateOnly Day, int Shard)> LiveShardDays { get; } = [];
}
