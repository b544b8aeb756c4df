
namespace Trax.Forwards;

/// <summary>A forward as a client sends it to <c>PUT /api/forwards/{id}</c>: every field may be missing until validated.</summary>
public sealed record ForwardRequest
{
    public string? Id { get; init; }

    public string? Url { get; init; }

    public string? Method { get; init; }

    public string? BodyFormat { get; init; }

    public string? Body { get; init; }

    public bool? Enabled { get; init; }

    public IReadOnlyList<string>? Types { get; init; }

    public IReadOnlyList<string>? Statuses { get; init; }

    public IReadOnlyList<string>? Networks { get; init; }

    public IReadOnlyList<string>? Links { get; init; }

    public IReadOnlyList<string>? Campaigns { get; init; }

    /// <summary>attributed, unattributed, outside-window; missing: attributed only.</summary>
    public IReadOnlyList<string>? Attribution { get; init; }

    public int? TimeoutSeconds { get; init; }
}
