namespace Trax.Reconciliation;

/// <summary>
/// One line of a reconciliation's result: an export row, a Trax conversion, or the two matched, in exactly one
/// category. The export's side is what the network's file says (its line, status as written, amount, currency,
/// time); Trax's side is the conversion as counted now (its status, amount, currency, receipt time, id), or for a
/// row only in the export, the evidence Trax has (<see cref="Reason"/>, and a refusal's reason code and time).
/// </summary>
public sealed record ReconciliationRow
{
    /// <summary>Its place in the result: export rows in file order, then Trax's conversions only it has.</summary>
    public required int Seq { get; init; }

    public required string Category { get; init; }

    /// <summary>For <c>only-in-export</c>, one of <see cref="MissingReasons"/>.</summary>
    public string? Reason { get; init; }

    public required string ClickId { get; init; }

    public required string Type { get; init; }

    public string? TxId { get; init; }

    public long? Line { get; init; }

    public string? ExportStatus { get; init; }

    /// <summary>The export's status as Trax reads it (approved, pending, rejected).</summary>
    public string? ExportStatusAs { get; init; }

    public decimal? ExportAmount { get; init; }

    public string? ExportCurrency { get; init; }

    public DateTimeOffset? ExportTime { get; init; }

    /// <summary>For a duplicate: the line of the export row it repeats.</summary>
    public long? DuplicateOfLine { get; init; }

    public string? TraxStatus { get; init; }

    public decimal? TraxAmount { get; init; }

    public string? TraxCurrency { get; init; }

    public DateTimeOffset? TraxReceivedAt { get; init; }

    /// <summary>True when Trax's side counts in the period (so the category totals add up to Trax's conversions).</summary>
    public bool TraxInPeriod { get; init; }

    /// <summary>The conversion's id (<c>GET /api/conversions/{id}</c>), when Trax has one for the row.</summary>
    public string? ConversionId { get; init; }

    /// <summary>The postback behind Trax's side: the one that stored the conversion, or the refused one.</summary>
    public string? PostbackId { get; init; }

    /// <summary>A refused postback's reason code (<c>invalid-token</c>, <c>unreplaced-macro</c>…) and when it came.</summary>
    public string? LogReason { get; init; }

    public DateTimeOffset? LogTime { get; init; }
}
