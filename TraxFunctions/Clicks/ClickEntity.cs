using Trax.Storage;

namespace Trax.Clicks;

/// <summary>
/// A click in the Clicks table. Partition = encoded click id (one point read per conversion), row =
/// <see cref="Keys.ClickRow"/>; the click's conversions share the partition in the Conversions table.
/// </summary>
internal sealed class ClickEntity : ClickRow
{
    public ClickEntity() => RowKey = Keys.ClickRow;

    public int? AttributionWindowDays { get; set; }

    public string? UserAgent { get; set; }

    public string? IpHash { get; set; }

    public string? IpPrefix { get; set; }

    public string? Via { get; set; }

    /// <summary>Dropped optional fields as <c>field:reason</c>, separated by ';'.</summary>
    public string? Warnings { get; set; }

    public static ClickEntity From(Click click) => Filled(
        new ClickEntity
        {
            PartitionKey = Keys.ClickPartition(click.ClickId),
            AttributionWindowDays = click.AttributionWindowDays,
            UserAgent = click.UserAgent,
            IpHash = click.IpHash,
            IpPrefix = click.IpPrefix,
            Via = click.Via,
            Warnings = Input.Warnings.Stored(click.Warnings),
        },
        click);

    public Click ToClick() => new()
    {
        ClickId = ClickId,
        ClickedAt = ClickedAt,
        Attributes = Attributes(),
        AttributionWindowDays = AttributionWindowDays,
        UserAgent = UserAgent,
        IpHash = IpHash,
        IpPrefix = IpPrefix,
        Via = Via,
        Warnings = Input.Warnings.ReadStored(Warnings),
        Cost = StoredCost(),
        CostCurrency = CostCurrency,
    };
}
