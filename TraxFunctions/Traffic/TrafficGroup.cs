using Trax.Clicks;
using Trax.Rollups;

namespace Trax.Traffic;

/// <summary>
/// The group clicks are summed by: every click dimension a traffic report can group by (the day comes from the
/// bucket), and the cost's currency (null: the base currency).
/// </summary>
public readonly record struct TrafficGroup(
    string? LinkId,
    string? Campaign,
    string? Source,
    string? Network,
    string? Program,
    string? Sub1,
    string? Sub2,
    string? Sub3,
    string? Sub4,
    string? Sub5,
    string? CostCurrency) : IPackedGroup<TrafficGroup>
{
    public static TrafficGroup Of(CountedClick click) => new(
        click.LinkId, click.Campaign, click.Source, click.Network, click.Program,
        click.Sub1, click.Sub2, click.Sub3, click.Sub4, click.Sub5, click.CostCurrency);

    public IReadOnlyList<string?> Values => [LinkId, Campaign, Source, Network, Program, Sub1, Sub2, Sub3, Sub4, Sub5, CostCurrency];

    public static TrafficGroup From(IReadOnlyList<string?> v) => new(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]);
}
