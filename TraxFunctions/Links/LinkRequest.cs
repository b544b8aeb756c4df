namespace Trax.Links;

/// <summary>A link as a client sends it to <c>/api/links</c>: every field may be missing until validated.</summary>
public sealed record LinkRequest
{
    public string? Id { get; init; }

    public string? Destination { get; init; }

    public string? Network { get; init; }

    public string? Program { get; init; }

    public string? Campaign { get; init; }

    public int? AttributionWindowDays { get; init; }

    public bool? Enabled { get; init; }
}
