using Trax.Core;
using Trax.Input;

namespace Trax.Postbacks;

/// <summary>
/// Why a postback was refused, besides the shared click-id reasons on <see cref="Rejection"/>: the closed set of
/// reason codes in README "Answers". Networks and operators match on these: never rename one.
/// </summary>
public static class PostbackRejections
{
    public static Rejection InvalidPayout { get; } =
        new("invalid-payout", $"The payout must be a decimal number with '.' as separator, such as 25.50, within ±{Payout.MaxAbsolute:0} and with at most {Payout.MaxDecimals} decimals.");

    public static Rejection InvalidCurrency { get; } =
        new("invalid-currency", "The currency must be a three-letter ISO 4217 code, such as EUR.");

    public static Rejection QueryTooLong { get; } =
        new("query-too-long", $"The query string is longer than {PostbackLimits.MaxQueryLength} characters.", 414);

    public static Rejection BodyTooLarge { get; } =
        new("body-too-large", $"The request body is larger than {PostbackLimits.MaxBodyBytes} bytes.", 413);

    public static Rejection InvalidBody { get; } =
        new("invalid-body", "The form body could not be read (a broken or truncated multipart body, or an unsupported charset).");

    public static Rejection PostbackTooLarge { get; } =
        new("postback-too-large", $"Recorded with its raw query and body, the callback is larger than Trax can store (a queue message holds {PostbackLimits.MaxMessageBytes} bytes, a stored text {StorableValues.MaxStringLength} characters), or its txid is longer than {PostbackLimits.MaxTxIdLength} characters.", 413);

    public static Rejection InvalidToken { get; } =
        new("invalid-token", "This network requires its token (X-Trax-Token header, or token parameter), and it is missing or wrong.", 403);

    public static Rejection IpNotAllowed { get; } =
        new("ip-not-allowed", "This network only sends postbacks from its registered addresses, and this one is not among them.", 403);

    public static Rejection UnknownNetwork { get; } =
        new("unknown-network", "Postbacks must name a registered network (network parameter) with its credentials.", 403);

    public static IReadOnlyList<Rejection> All { get; } =
    [
        .. Rejection.ClickIdRejections, InvalidPayout, InvalidCurrency, QueryTooLong, BodyTooLarge, InvalidBody,
        PostbackTooLarge, InvalidToken, IpNotAllowed, UnknownNetwork,
    ];
}
