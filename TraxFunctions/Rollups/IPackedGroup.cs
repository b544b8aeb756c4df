namespace Trax.Rollups;

/// <summary>A rollup's group as <see cref="QuarterSums{TGroup, TSum}"/> packs it: its dimensions in a fixed order, and back.</summary>
public interface IPackedGroup<TSelf>
    where TSelf : IPackedGroup<TSelf>
{
    IReadOnlyList<string?> Values { get; }

    static abstract TSelf From(IReadOnlyList<string?> values);
}
