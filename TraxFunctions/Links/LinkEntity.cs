using Trax.Storage;

namespace Trax.Links;

/// <summary>
/// A link in the Links table. Partition = link id, row = <see cref="Keys.LinkRow"/>: the redirect does one point
/// read, and each link has its own partition so that a popular link does not share throughput with the others.
/// </summary>
internal sealed class LinkEntity : TableRow
{
    public LinkEntity() => RowKey = Keys.LinkRow;

    public string Destination { get; set; } = "";

    public string Network { get; set; } = "";

    public string Program { get; set; } = "";

    public string? Campaign { get; set; }

    public int? AttributionWindowDays { get; set; }

    public bool Enabled { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public static LinkEntity From(Link link) => new()
    {
        PartitionKey = Keys.LinkPartition(link.Id),
        Destination = link.Destination,
        Network = link.Network,
        Program = link.Program,
        Campaign = link.Campaign,
        AttributionWindowDays = link.AttributionWindowDays,
        Enabled = link.Enabled,
        CreatedAt = link.CreatedAt,
        UpdatedAt = link.UpdatedAt,
    };

    public Link ToLink() =>
        new(Keys.Decode(PartitionKey), Destination, Network, Program, Campaign, AttributionWindowDays, Enabled)
        {
            CreatedAt = CreatedAt,
            UpdatedAt = UpdatedAt,
        };
}
