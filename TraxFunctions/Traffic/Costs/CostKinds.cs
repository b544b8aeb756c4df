namespace Trax.Traffic;

/// <summary>What an uploaded cost row is about: one campaign, one link or one source (the click dimension it matches).</summary>
public static class CostKinds
{
    public const string Campaign = "campaign";

    public const string Link = "link";

    public const string Source = "source";

    public static IReadOnlyList<string> All { get; } = [Campaign, Link, Source];
}
