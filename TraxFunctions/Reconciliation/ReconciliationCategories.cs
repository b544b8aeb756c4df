namespace Trax.Reconciliation;

/// <summary>
/// The category of a result row: every export row and every Trax conversion of the period is in exactly one. Stable
/// names: the console and scripts filter on them.
/// </summary>
public static class ReconciliationCategories
{
    /// <summary>Both sides have it, with the same status and amount.</summary>
    public const string Matched = "matched";

    /// <summary>Both sides have it; the statuses differ (the amounts may too: both are shown).</summary>
    public const string StatusDiffers = "status-differs";

    /// <summary>Both sides have it with the same status; the amount or currency differs.</summary>
    public const string AmountDiffers = "amount-differs";

    /// <summary>Only the network's export has it: the row says why, from what Trax saw.</summary>
    public const string OnlyInExport = "only-in-export";

    /// <summary>Only Trax counted it (received in the period), with its status.</summary>
    public const string OnlyInTrax = "only-in-trax";

    /// <summary>One side's time is outside the period once the zone is applied: reported apart, not a difference.</summary>
    public const string OutsidePeriod = "outside-period";

    /// <summary>An export row that repeats an earlier one (same key): reported, not counted twice.</summary>
    public const string Duplicate = "duplicate";

    public static IReadOnlyList<string> All { get; } = [Matched, StatusDiffers, AmountDiffers, OnlyInExport, OnlyInTrax, OutsidePeriod, Duplicate];
}
