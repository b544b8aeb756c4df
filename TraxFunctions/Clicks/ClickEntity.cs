using Azure;
using Azure.Data.Tables;
using Trax.Storage;

namespace Trax.Clicks;

/// <summary>
/// A visitor's click on one of our affiliate links, stored when we issued its click id. Partition = encoded click
/// id (one point read per conversion), row = <see cref="Keys.ClickRow"/>; the click's conversions share the
/// partition in the Conversions table.
/// </summary>
public sealed class ClickEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = Keys.ClickRow;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string ClickId { get; set; } = "";

    public DateTimeOffset ClickedAt { get; set; }

    /// <summary>The link (offer) the visitor followed.</summary>
    public string? LinkId { get; set; }

    public string? Network { get; set; }

    public string? Program { get; set; }

    public string? Campaign { get; set; }

    /// <summary>Where the visitor came from: the link's <c>source</c> value, else the referring page.</summary>
    public string? Source { get; set; }

    public string? Sub1 { get; set; }

    public string? Sub2 { get; set; }

    public string? Sub3 { get; set; }

    public string? Sub4 { get; set; }

    public string? Sub5 { get; set; }

    /// <summary>Conversions later than this many days after the click are outside the link's window.</summary>
    public int? AttributionWindowDays { get; set; }

    public static ClickEntity Create(string clickId, DateTimeOffset clickedAt) => new()
    {
        PartitionKey = Keys.ClickPartition(clickId),
        ClickId = clickId,
        ClickedAt = clickedAt,
    };
}
