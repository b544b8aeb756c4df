namespace Trax.Forwards;

/// <summary>
/// The names a forward's template may use as <c>{name}</c>: what Trax knows about a conversion when it tells a
/// destination about it. A name outside this list is refused when the template is saved, not left in the request.
/// </summary>
public static class ForwardMacros
{
    /// <summary>Every macro, in lower case; the order is the one the docs list them in.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "clickid", "type", "status", "payout", "currency", "txid", "network", "program", "campaign", "linkid",
        "source", "sub1", "sub2", "sub3", "sub4", "sub5", "conversionid", "postbackid", "receivedat",
    ];

    private static readonly HashSet<string> Known = new(All, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="name"/> is a macro, in any letter case.</summary>
    internal static bool IsKnown(string name) => Known.Contains(name);
}
