namespace Trax.Traffic;

/// <summary>What <see cref="TrafficReader"/> read: the items to sum, and how many hours came from rollups and how many live.</summary>
public sealed class TrafficRead
{
    public List<ClickItem> Items { get; } = [];

    public int RolledHours { get; set; }

    public int LiveHours { get; set; }
}
