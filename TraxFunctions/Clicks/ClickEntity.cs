using Azure;
using Azure.Data.Tables;
using Trax.Core;
using Trax.Storage;

namespace Trax.Clicks;

/// <summary>
/// A click in the Clicks table. Partition = encoded click id (one point read per conversion), row =
/// <see cref="Keys.ClickRow"/>; the click's conversions share the partition in the Conversions table.
/// </summary>
internal sealed class ClickEntity : ITableEntity, IClickAttributeColumns
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = Keys.ClickRow;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string ClickId { get; set; } = "";

    public DateTimeOffset ClickedAt { get; set; }

    public string? LinkId { get; set; }

    public string? Network { get; set; }

    public string? Program { get; set; }

    public string? Campaign { get; set; }

    public string? Source { get; set; }

    public string? Sub1 { get; set; }

    public string? Sub2 { get; set; }

    public string? Sub3 { get; set; }

    public string? Sub4 { get; set; }

    public string? Sub5 { get; set; }

    public int? AttributionWindowDays { get; set; }

    public string? UserAgent { get; set; }

    public string? IpHash { get; set; }

    public string? IpPrefix { get; set; }

    public string? Via { get; set; }

    /// <summary>Dropped optional fields as <c>field:reason</c>, separated by ';'.</summary>
    public string? Warnings { get; set; }

    /// <summary>The click's cost as exact text (<see cref="Input.Cost"/>); absent on clicks stored before costs.</summary>
    public string? Cost { get; set; }

    public string? CostCurrency { get; set; }

    public static ClickEntity From(Click click) => new ClickEntity
    {
        PartitionKey = Keys.ClickPartition(click.ClickId),
        ClickId = click.ClickId,
        ClickedAt = click.ClickedAt,
        Network = click.Attributes.Network,
        Program = click.Attributes.Program,
        AttributionWindowDays = click.AttributionWindowDays,
        UserAgent = click.UserAgent,
        IpHash = click.IpHash,
        IpPrefix = click.IpPrefix,
        Via = click.Via,
        Warnings = click.Warnings.Count > 0 ? string.Join(';', click.Warnings) : null,
        Cost = click.Cost is { } cost ? Input.Payout.Format(cost) : null,
        CostCurrency = click.CostCurrency,
    }.WithAttributes(click.Attributes);

    public Click ToClick() => new()
    {
        ClickId = ClickId,
        ClickedAt = ClickedAt,
        Attributes = this.ReadAttributes(Network, Program),
        AttributionWindowDays = AttributionWindowDays,
        UserAgent = UserAgent,
        IpHash = IpHash,
        IpPrefix = IpPrefix,
        Via = Via,
        Warnings = Warnings is { Length: > 0 } warnings ? warnings.Split(';') : [],
        Cost = Input.Payout.ParseStored(Cost),
        CostCurrency = CostCurrency,
    };
}
