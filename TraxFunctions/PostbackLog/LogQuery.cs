namespace Trax.PostbackLog;

/// <summary>A validated log query: one UTC day (optionally one hour), filters, a page size and where to go on from.</summary>
public sealed record LogQuery(
    DateOnly Date,
    int? Hour,
    string? Outcome,
    string? Type,
    string? Network,
    string? Reason,
    int Limit,
    string? ContinuationToken);

public sealed record LogPage(IReadOnlyList<PostbackLogEntry> Items, string? ContinuationToken);
