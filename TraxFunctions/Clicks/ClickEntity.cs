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

    /// <summary>The visitor's User-Agent (at most 512 characters); bots are not stored at all.</summary>
    public string? UserAgent { get; set; }

    /// <summary>Keyed hash of the visitor's IP (<see cref="IpPrivacy"/>), when <c>Trax:IpHashKey</c> is set.</summary>
    public string? IpHash { get; set; }

    /// <summary>The visitor's network prefix (IPv4 /24, IPv6 /48), when no hash key is set.</summary>
    public string? IpPrefix { get; set; }

    /// <summary>How the click reached us: <c>go</c> (our redirect) or <c>api</c> (registered through /api/clicks).</summary>
    public string? Via { get; set; }

    /// <summary>Dropped optional fields as <c>field:reason</c>, separated by ';'.</summary>
    public string? Warnings { get; set; }

    public static ClickEntity Create(string clickId, DateTimeOffset clickedAt) => new()
    {
        PartitionKey = Keys.ClickPartition(clickId),
        ClickId = clickId,
        ClickedAt = clickedAt,
    };
}
