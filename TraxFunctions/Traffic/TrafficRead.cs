using Trax.Rollups;

namespace Trax.Traffic;

/// <summary>What <see cref="TrafficReader"/> read: the items to sum, and how many hours came from rollups and how many live.</summary>
public sealed class TrafficRead : HourTotals<ClickItem>;
