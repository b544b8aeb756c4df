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
    string? Currency);
