namespace Trax.Traffic;

/// <summary>
/// A row's figures in the report's currency. Money is null when an amount had no rate (never guessed); a ratio is
/// null when its divisor is zero or unknown (shown empty, never NaN): CR = conversions / clicks, EPC = revenue /
/// clicks, ROI = profit / cost. Ratios are rounded half to even to <see cref="RatioDecimals"/> decimals, EPC to
/// <see cref="MoneyDecimals"/>; sums are exact. <see cref="RevenueMissing"/> and <see cref="CostMissing"/> say why an
/// amount is null (<c>missing-rate</c>, <c>rates-unavailable</c>, <c>no-base-currency</c>, <c>overflow</c>), so that
/// the CSV shows a word where a spreadsheet would otherwise sum an empty cell as 0.
/// </summary>
public sealed record TrafficFigures(
    long Clicks, long Conversions, IReadOnlyDictionary<string, long> ByType, long Rejected, decimal? Revenue, decimal? Cost,
    string? RevenueMissing = null, string? CostMissing = null)
{
    public const int RatioDecimals = 6;

    public const int MoneyDecimals = 4;

    public decimal? Profit => Revenue - Cost;

    public decimal? Cr => Clicks == 0 ? null : Math.Round((decimal)Conversions / Clicks, RatioDecimals, MidpointRounding.ToEven);

    public decimal? Epc => Clicks == 0 || Revenue is null ? null : Math.Round(Revenue.Value / Clicks, MoneyDecimals, MidpointRounding.ToEven);

    public decimal? Roi => Cost is not { } cost || cost == 0 || Profit is null ? null : Math.Round(Profit.Value / cost, RatioDecimals, MidpointRounding.ToEven);

    /// <summary>Why <see cref="Profit"/> is null, if an amount is missing.</summary>
    public string? ProfitMissing => RevenueMissing ?? CostMissing;

    /// <summary>Why <see cref="Epc"/> is null, if not for no clicks.</summary>
    public string? EpcMissing => Clicks == 0 ? null : RevenueMissing;

    /// <summary>Why <see cref="Roi"/> is null, if not for a zero cost.</summary>
    public string? RoiMissing => Cost is null ? CostMissing : Cost == 0 ? null : ProfitMissing;
}
