using System.ComponentModel.DataAnnotations;

namespace Trax.Reconciliation;

/// <summary>Settings under <c>Trax:Reconciliation</c>.</summary>
public sealed class ReconciliationOptions
{
    public const string Section = "Trax:Reconciliation";

    /// <summary>
    /// UTC days read beyond each edge of the period, so that a conversion received just across midnight (or a
    /// postback the network fired late) is still found and reported as outside the period, not as missing.
    /// </summary>
    [Range(0, 14)]
    public int MarginDays { get; set; } = 3;

    /// <summary>Partitions of the log read at once.</summary>
    [Range(1, 64)]
    public int ReadConcurrency { get; set; } = 16;
}
