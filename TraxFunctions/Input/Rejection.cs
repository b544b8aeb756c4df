namespace Trax.Input;

/// <summary>
/// Why a request (or one item of it) was refused: a stable reason code for machines, a sentence for people, and the
/// HTTP status. Each feature lists its own in a <c>*Rejections</c> class; the click-id ones are shared, because a
/// click id is judged by one rule wherever it arrives (postbacks, <c>/api/clicks</c>, lookups).
/// </summary>
public sealed record Rejection(string Reason, string Message, int StatusCode = 400)
{
    /// <summary>The line of an uploaded file the refusal is about, when it is about one.</summary>
    public long? Line { get; init; }

    // Networks and operators match on reason codes (README "Answers"): never rename one.
    public static Rejection MissingClickId { get; } =
        new("missing-clickid", "The clickid parameter is required and must not be blank.");

    public static Rejection AmbiguousClickId { get; } =
        new("ambiguous-clickid", "The callback holds more than one different clickid value.");

    public static Rejection InvalidClickId { get; } =
        new("invalid-clickid", $"The clickid must be 1 to {ClickId.MaxLength} printable ASCII characters, without spaces.");

    public static Rejection UnreplacedMacro { get; } =
        new("unreplaced-macro", "The clickid is still the network's placeholder (such as {clickid}): fix the postback template.");

    public static IReadOnlyList<Rejection> ClickIdRejections { get; } = [MissingClickId, AmbiguousClickId, InvalidClickId, UnreplacedMacro];
}
