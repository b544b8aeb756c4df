namespace Trax.Clicks;

/// <summary>A click as the Traffic table counts it: when, by which dimensions, and what it cost (null: not given).</summary>
public sealed record CountedClick(
    string ClickId,
    DateTimeOffset ClickedAt,
    string? LinkId,
    string? Network,
    string? Program,
    string? Campaign,
    string? Source,
    string? Sub1,
    string? Sub2,
    string? Sub3,
    string? Sub4,
    string? Sub5,
    decimal? Cost,
    string? CostCurrency);
