namespace Trax.Core;

/// <summary>
/// What a click's link and visit said about it: the link, its network, program and campaign, where the visitor came
/// from and the sub-ids. A click stores them, the Traffic table counts by them, and each of its conversions copies
/// them, so they travel as one value; <see cref="ClickAttributeColumns"/> maps them to table columns.
/// </summary>
public sealed record ClickAttributes
{
    public static ClickAttributes None { get; } = new();

    /// <summary>The link (offer) the visitor followed.</summary>
    public string? LinkId { get; init; }

    public string? Network { get; init; }

    public string? Program { get; init; }

    public string? Campaign { get; init; }

    /// <summary>Where the visitor came from: the link's <c>source</c> value, else the referring page.</summary>
    public string? Source { get; init; }

    public string? Sub1 { get; init; }

    public string? Sub2 { get; init; }

    public string? Sub3 { get; init; }

    public string? Sub4 { get; init; }

    public string? Sub5 { get; init; }
}
