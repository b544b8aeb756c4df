namespace Trax.Postbacks;

/// <summary>Why a callback was refused: a stable reason code for machines and a sentence for people.</summary>
public sealed record Rejection(string Reason, string Message, int StatusCode = 400)
{
    // The closed set of reason codes (README "Answers"). Networks and operators match on these: never rename one.
    public static Rejection MissingClickId { get; } =
        new("missing-clickid", "The clickid parameter is required and must not be blank.");

    public static Rejection AmbiguousClickId { get; } =
        new("ambiguous-clickid", "The callback holds more than one different clickid value.");

    public static Rejection InvalidClickId { get; } =
        new("invalid-clickid", "The clickid must be 1 to 128 printable ASCII characters, without spaces.");

    public static Rejection UnreplacedMacro { get; } =
        new("unreplaced-macro", "The clickid is still the network's placeholder (such as {clickid}): fix the postback template.");

    public static Rejection InvalidPayout { get; } =
        new("invalid-payout", "The payout must be a decimal number with '.' as separator, such as 25.50.");

    public static Rejection InvalidCurrency { get; } =
        new("invalid-currency", "The currency must be a three-letter ISO 4217 code, such as EUR.");

    public static Rejection QueryTooLong { get; } =
        new("query-too-long", $"The query string is longer than {PostbackLimits.MaxQueryLength} characters.", 414);

    public static Rejection BodyTooLarge { get; } =
        new("body-too-large", $"The request body is larger than {PostbackLimits.MaxBodyBytes} bytes.", 413);

    public static Rejection InvalidBody { get; } =
        new("invalid-body", "The form body could not be read (a broken multipart body).");

    public static Rejection PostbackTooLarge { get; } =
        new("postback-too-large", $"Recorded with its raw query and body, the callback is over {PostbackLimits.MaxMessageBytes} bytes, more than a queue message holds.", 413);

    public static Rejection InvalidToken { get; } =
        new("invalid-token", "This network requires its token (token parameter or X-Trax-Token header), and it is missing or wrong.", 403);

    public static Rejection IpNotAllowed { get; } =
        new("ip-not-allowed", "This network only sends postbacks from its registered addresses, and this one is not among them.", 403);

    public static Rejection UnknownNetwork { get; } =
        new("unknown-network", "Postbacks must name a registered network (network parameter) with its credentials.", 403);

    public static IReadOnlyList<Rejection> All { get; } =
    [
        MissingClickId, AmbiguousClickId, InvalidClickId, UnreplacedMacro, InvalidPayout, InvalidCurrency,
        QueryTooLong, BodyTooLarge, InvalidBody, PostbackTooLarge, InvalidToken, IpNotAllowed, UnknownNetwork,
    ];
}
