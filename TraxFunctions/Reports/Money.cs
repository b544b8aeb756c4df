using Trax.Rollups;

namespace Trax.Reports;

/// <summary>A count and a payout sum; once a sum overflows it stays overflowed (and carries no amount).</summary>
public readonly record struct Money(long Conversions, decimal? Payout, bool Overflow)
{
    public static Money Zero => default;

    /// <summary>Adds exactly, as a rollup's sums add (<see cref="RollupSum.Plus"/>).</summary>
    public Money Plus(Money other)
    {
        var sum = new RollupSum(Conversions, Payout, Overflow).Plus(new RollupSum(other.Conversions, other.Payout, other.Overflow));
        return new Money(sum.Count, sum.Payout, sum.Overflow);
    }
}
