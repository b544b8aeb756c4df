using Trax.Zones;

namespace Trax.PostbackLog;

/// <summary>A validated log query: one day of a zone (optionally one hour), filters, a page size and where to go on from.</summary>
public sealed record LogQuery(
    DateOnly Date,
    int? Hour,
    string? Outcome,
    string? Type,
    string? Network,
    string? Reason,
    int Limit,
    string? ContinuationToken)
{
    /// <summary>The zone whose day (and hour) <see cref="Date"/> is; UTC unless told.</summary>
    public Zone Zone { get; init; } = Zone.Utc;

    /// <summary>Where the day (or hour) starts and ends, in UTC (the end excluded).</summary>
    public DateTimeOffset Start { get; init; }

    public DateTimeOffset End { get; init; }
}

public sealed record LogPage(IReadOnlyList<PostbackLogEntry> Items, string? ContinuationToken);
