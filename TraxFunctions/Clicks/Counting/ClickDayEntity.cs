namespace Trax.Clicks;

/// <summary>
/// One stored click in the Traffic table's day partition (<see cref="ClickDayKeys"/>): what reports count it by and
/// what it cost. Written once, insert-if-absent keyed by the click id, so a retried registration adds nothing.
/// </summary>
internal sealed class ClickDayEntity : ClickRow
{
    public static ClickDayEntity From(Click click) => Filled(
        new ClickDayEntity
        {
            PartitionKey = ClickDayKeys.Partition(click.ClickId, click.ClickedAt),
            RowKey = ClickDayKeys.ClickRow(click.ClickId),
        },
        click);

    public CountedClick ToCounted() => new(
        ClickId, ClickedAt, LinkId, Network, Program, Campaign, Source, Sub1, Sub2, Sub3, Sub4, Sub5, StoredCost(), CostCurrency);
}
