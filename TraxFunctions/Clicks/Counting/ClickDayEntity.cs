using Azure;
using Azure.Data.Tables;
using Trax.Core;

namespace Trax.Clicks;

/// <summary>
/// One stored click in the Traffic table's day partition (<see cref="ClickDayKeys"/>): what reports count it by and
/// what it cost. Written once, insert-if-absent keyed by the click id, so a retried registration adds nothing.
/// </summary>
internal sealed class ClickDayEntity : ITableEntity, IClickAttributeColumns
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

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

    public string? Cost { get; set; }

    public string? CostCurrency { get; set; }

    public static ClickDayEntity From(Click click) => new ClickDayEntity
    {
        PartitionKey = ClickDayKeys.Partition(click.ClickId, click.ClickedAt),
        RowKey = ClickDayKeys.ClickRow(click.ClickId),
        ClickId = click.ClickId,
        ClickedAt = click.ClickedAt,
        Network = click.Attributes.Network,
        Program = click.Attributes.Program,
        Cost = click.Cost is { } cost ? Input.Payout.Format(cost) : null,
        CostCurrency = click.CostCurrency,
    }.WithAttributes(click.Attributes);

    public CountedClick ToCounted() => new(
        ClickId, ClickedAt, LinkId, Network, Program, Campaign, Source, Sub1, Sub2, Sub3, Sub4, Sub5,
        Input.Payout.ParseStored(Cost), CostCurrency);
}
