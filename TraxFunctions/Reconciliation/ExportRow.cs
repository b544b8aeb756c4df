using Trax.Core;

namespace Trax.Reconciliation;

/// <summary>
/// One row of a network's export as the mapping reads it: its line, the click id (empty when the row has none),
/// the type, and what the network says of it. A time with no offset was read in the network's zone.
/// </summary>
public sealed record ExportRow
{
    public required long Line { get; init; }

    public required string ClickId { get; init; }

    public required ConversionType Type { get; init; }

    public string? TxId { get; init; }

    /// <summary>The status as the network wrote it, and what Trax reads it as (null: the row says none).</summary>
    public string? StatusRaw { get; init; }

    public ConversionStatus? Status { get; init; }

    public decimal? Amount { get; init; }

    public string? Currency { get; init; }

    public DateTimeOffset? Time { get; init; }
}
