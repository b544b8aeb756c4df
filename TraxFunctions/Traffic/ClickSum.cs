using System.Globalization;
using Trax.Rollups;

namespace Trax.Traffic;

/// <summary>A count of clicks and the exact sum of what they cost (null when none had a cost).</summary>
public readonly record struct ClickSum(long Clicks, decimal? Cost) : IPackedSum<ClickSum>
{
    public (long Count, string? Amount) Packed => (Clicks, Cost?.ToString(CultureInfo.InvariantCulture));

    public static ClickSum One(decimal? cost) => new(1, cost);

    public static ClickSum Unpack(long count, string? amount) =>
        new(count, amount is null ? null : decimal.Parse(amount, NumberStyles.Number, CultureInfo.InvariantCulture));

    // Costs are bounded at intake (10,000 a click), so a sum of them stays far inside decimal's range.
    public ClickSum Plus(ClickSum other) =>
        new(Clicks + other.Clicks, Cost is null ? other.Cost : other.Cost is null ? Cost : Cost.Value + other.Cost.Value);
}
