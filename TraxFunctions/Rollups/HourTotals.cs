namespace Trax.Rollups;

/// <summary>
/// What a reader of hour rollups read, for the conversion and the click rollups alike (<see cref="RollupRead"/>,
/// <c>TrafficRead</c>): the items to sum, and how many hours came from rollups and how many live.
/// </summary>
public abstract class HourTotals<TItem>
{
    private readonly Lock gate = new();

    public List<TItem> Items { get; } = [];

    public int RolledHours { get; set; }

    public int LiveHours { get; set; }

    /// <summary>Adds one shard-day's part (<see cref="HourReads"/>); the shard-days of an interval are read in parallel.</summary>
    public void Add((List<TItem> Items, int RolledHours, int LiveHours) part)
    {
        lock (gate)
        {
            Items.AddRange(part.Items);
            RolledHours += part.RolledHours;
            LiveHours += part.LiveHours;
        }
    }
}
