using Trax.Input;

namespace Trax.PostbackCheck;

/// <summary>Why a check request was refused (the check itself worked otherwise: a refused postback is a 200 verdict).</summary>
public static class CheckRejections
{
    public const int MaxBodyBytes = 32 * 1024;

    public static Rejection InvalidBody { get; } =
        new("invalid-body", """The body must be JSON: {"url": "https://<app>/wp-json/trax/v1/ftd?clickid=…", "method": "GET" or "POST", "body": a form body or null}.""");

    public static Rejection BodyTooLarge { get; } =
        new("body-too-large", $"The request body is larger than {MaxBodyBytes} bytes.", 413);

    public static Rejection InvalidUrl { get; } =
        new("invalid-url", "url must be an absolute http(s) URL of a postback route: /wp-json/trax/v1/ftd, reg or sale.");

    public static Rejection InvalidMethod { get; } =
        new("invalid-method", "method must be GET or POST.");

    public static IReadOnlyList<string> Reasons { get; } = [InvalidBody.Reason, BodyTooLarge.Reason, InvalidUrl.Reason, InvalidMethod.Reason];
}
