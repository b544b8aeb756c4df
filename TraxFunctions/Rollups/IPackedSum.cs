namespace Trax.Rollups;

/// <summary>
/// A rollup's sum as <see cref="QuarterSums{TGroup, TSum}"/> packs it: a count and an amount as text (invariant
/// decimal, null for none, or a marker such as "overflow"), and back; sums add exactly.
/// </summary>
public interface IPackedSum<TSelf>
    where TSelf : IPackedSum<TSelf>
{
    (long Count, string? Amount) Packed { get; }

    TSelf Plus(TSelf other);

    static abstract TSelf Unpack(long count, string? amount);
}
