using Trax.Core;
using Trax.Storage;

namespace Trax.Clicks;

/// <summary>
/// The columns of a stored click that both of its tables keep, named alike: the Clicks table's row
/// (<see cref="ClickEntity"/>) and the Traffic table's counted click (<see cref="ClickDayEntity"/>) are the same click,
/// so its id, time, attributes and cost are written and read here once.
/// </summary>
internal abstract class ClickRow : ClickAttributeRow, IClickAttributeColumns
{
    public string ClickId { get; set; } = "";

    public DateTimeOffset ClickedAt { get; set; }

    public string? Network { get; set; }

    public string? Program { get; set; }

    /// <summary>The click's cost as exact text (<see cref="Input.Cost"/>); absent on clicks stored before costs.</summary>
    public string? Cost { get; set; }

    public string? CostCurrency { get; set; }

    /// <summary><paramref name="row"/> with <paramref name="click"/>'s shared columns filled in.</summary>
    protected static TRow Filled<TRow>(TRow row, Click click)
        where TRow : ClickRow
    {
        row.ClickId = click.ClickId;
        row.ClickedAt = click.ClickedAt;
        row.Network = click.Attributes.Network;
        row.Program = click.Attributes.Program;
        row.Cost = Input.Payout.FormatStored(click.Cost);
        row.CostCurrency = click.CostCurrency;
        return row.WithAttributes(click.Attributes);
    }

    protected ClickAttributes Attributes() => this.ReadAttributes(Network, Program);

    protected decimal? StoredCost() => Input.Payout.ParseStored(Cost);
}
