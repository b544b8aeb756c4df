using Trax.Core;
using Trax.Input;
using Trax.Storage;

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

    /// <summary>
    /// The longest value (in characters) Trax accepts today for each macro: the bounds of the fields it comes from.
    /// A template is judged by these when it is saved (<see cref="ForwardTemplate.LongestRendering"/>).
    /// </summary>
    private static readonly Dictionary<string, int> Longest = new(StringComparer.OrdinalIgnoreCase)
    {
        ["clickid"] = ClickId.MaxLength,
        ["type"] = 4,
        ["status"] = 8,
        ["payout"] = 32, // a sign, at most 29 digits (decimal's precision) and a point
        ["currency"] = 3,
        ["txid"] = PostbackLimits.MaxTxIdLength,
        ["network"] = OptionalField.MaxLength,
        ["program"] = OptionalField.MaxLength,
        ["campaign"] = OptionalField.MaxLength,
        ["linkid"] = OptionalField.MaxLength,
        ["source"] = OptionalField.MaxLength,
        ["sub1"] = OptionalField.MaxLength,
        ["sub2"] = OptionalField.MaxLength,
        ["sub3"] = OptionalField.MaxLength,
        ["sub4"] = OptionalField.MaxLength,
        ["sub5"] = OptionalField.MaxLength,
        ["conversionid"] = 2 * Keys.MaxLength + 1, // a click's partition key, '/', a conversion's row key
        ["postbackid"] = 32,
        ["receivedat"] = 20,
    };

    /// <summary>Whether <paramref name="name"/> is a macro, in any letter case.</summary>
    internal static bool IsKnown(string name) => Known.Contains(name);

    /// <summary>The longest value of a (known) macro, in characters, before it is encoded.</summary>
    internal static int LongestValue(string name) => Longest[name];
}
