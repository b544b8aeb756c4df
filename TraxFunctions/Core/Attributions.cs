namespace Trax.Core;

/// <summary>
/// A stored conversion's attribution, as the day index, the reports and the forward filters name it. Every stored
/// conversion is counted under one of these. Stable names: reports group by them and forwards filter on them.
/// </summary>
public static class Attributions
{
    /// <summary>Joined to its click, inside the link's window.</summary>
    public const string Attributed = "attributed";

    /// <summary>No click with its id is known (an orphan): counted on the network's word until its click is registered.</summary>
    public const string Unattributed = "unattributed";

    /// <summary>Joined to its click, but it came more than the link's attribution window after it.</summary>
    public const string OutsideWindow = "outside-window";

    public static IReadOnlyList<string> All { get; } = [Attributed, Unattributed, OutsideWindow];

    /// <summary>
    /// Whether a conversion's attribution may move from <paramref name="current"/> to <paramref name="candidate"/>: an
    /// unattributed conversion learns its click, and never forgets it. Attributed and outside-window both come from
    /// the one stored click (the first registration's fields win), so they never contradict each other.
    /// </summary>
    public static bool Advances(string current, string candidate) => current == Unattributed && candidate != Unattributed;
}
