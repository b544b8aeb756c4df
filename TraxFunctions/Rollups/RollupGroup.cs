namespace Trax.Rollups;

/// <summary>
/// The group a rollup sums by: every dimension a report can group by except the day (the bucket gives it), and the
/// currency. The link is not one: the day index does not hold it (reports group by campaign).
/// </summary>
public readonly record struct RollupGroup(
    string Type,
    string? Network,
    string? Program,
    string? Campaign,
    string? Status,
    string Attribution,
    string? Currency) : IPackedGroup<RollupGroup>
{
    public IReadOnlyList<string?> Values => [Type, Network, Program, Campaign, Status, Attribution, Currency];

    public static RollupGroup From(IReadOnlyList<string?> v) => new(v[0]!, v[1], v[2], v[3], v[4], v[5]!, v[6]);
}
