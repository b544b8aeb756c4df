using Trax.Input;

namespace Trax.Forwards;

/// <summary>
/// Why <c>/api/forwards</c> refused a request: stable reason codes (docs/forwarding.md), in the same
/// <see cref="Rejection"/> shape as every Trax answer. Clients match on these: never rename one.
/// </summary>
public static class ForwardRejections
{
    public const int MaxBodyBytes = 32 * 1024;

    public const int MaxTemplateLength = 8 * 1024;

    /// <summary>
    /// The longest URL or body a forward may send, filled in (characters). A template is refused when the longest
    /// values Trax accepts could make it longer; one saved before that rule fails its delivery instead.
    /// </summary>
    public const int MaxRenderedLength = 64 * 1024;

    public const int MaxTimeoutSeconds = 60;

    public const int MaxFilterValues = 100;

    public static Rejection InvalidBody { get; } =
        new("invalid-body", "The body must be one JSON object with the forward's fields (url, method, bodyFormat, body, enabled, types, statuses, networks, links, campaigns, attribution, timeoutSeconds).");

    public static Rejection BodyTooLarge { get; } =
        new("body-too-large", $"The request body is larger than {MaxBodyBytes} bytes.", 413);

    public static Rejection InvalidForwardId { get; } =
        new("invalid-forward-id", $"The forward id must be 1 to {Slug.MaxLength} letters, digits, '-' or '_', starting with a letter or digit.");

    public static Rejection ForwardIdMismatch { get; } =
        new("forward-id-mismatch", "The id in the body differs from the id in the path.");

    public static Rejection InvalidUrl { get; } =
        new("invalid-url", "The url must be an absolute http or https URL of at most 2048 printable ASCII characters, without spaces; macros such as {clickid} may fill its path and query, not its host.");

    public static Rejection UnknownMacro(string name) =>
        new("unknown-macro", $"{{{name}}} is not a macro Trax fills. The macros are {string.Join(", ", ForwardMacros.All.Select(m => "{" + m + "}"))}.");

    public static Rejection PrivateDestination { get; } =
        new("private-destination", "The url names a loopback, private, link-local or metadata address, which Trax does not call (Trax__Forwarding__AllowPrivateDestinations=true allows it, for tests and local runs).");

    public static Rejection InvalidMethod { get; } =
        new("invalid-method", "method must be GET or POST; bodyFormat (form or json) and body are for POST only.");

    public static Rejection InvalidBodyTemplate { get; } =
        new("invalid-body-template", $"body must be at most {MaxTemplateLength} characters, without control characters other than tab and line breaks.");

    public static Rejection TemplateTooLarge(string field) =>
        new("template-too-large", $"Filled with the longest values Trax accepts (a txid of {Core.PostbackLimits.MaxTxIdLength} characters, sub-ids of {OptionalField.MaxLength}, each character encoded), the {field} could be longer than {MaxRenderedLength} characters: use fewer macros.");

    public static Rejection InvalidFilter { get; } =
        new("invalid-filter", $"types are ftd, reg, sale; statuses are pending, approved, rejected; networks, links and campaigns are at most {OptionalField.MaxLength} characters each; attribution is a non-empty list of attributed, unattributed, outside-window; at most {MaxFilterValues} values per filter.");

    public static Rejection InvalidTimeout { get; } =
        new("invalid-timeout", $"timeoutSeconds must be a whole number from 1 to {MaxTimeoutSeconds}.");

    public static Rejection ConcurrentUpdate { get; } =
        new("concurrent-update", "The forward kept changing while it was being saved; please retry.", 409);

    public static Rejection UnknownForward { get; } =
        new("unknown-forward", "There is no such forward.", 404);

    public static Rejection InvalidConversionId { get; } =
        new("invalid-conversion", "conversion must be a conversion id as Trax shows it ({conversionid}: the encoded click id, '/', the conversion key).");

    public static Rejection UnknownConversion { get; } =
        new("unknown-conversion", "There is no such conversion.", 404);

    public static Rejection ConversionTooLarge { get; } =
        new("conversion-too-large", $"This conversion's values make a job larger than a queue message holds: it was stored before Trax bounded txids at {Core.PostbackLimits.MaxTxIdLength} characters, and cannot be forwarded.", 413);

    public static Rejection ForwardDisabled { get; } =
        new("forward-disabled", "The forward is disabled: enable it before replaying to it.", 409);

    public static Rejection InvalidOutcome { get; } =
        new("invalid-outcome", $"outcome must be one of {string.Join(", ", ForwardDeliveryOutcomes.All)}.");

    public static Rejection InvalidLimit { get; } =
        new("invalid-limit", $"limit must be a whole number from 1 to {ForwardDeliveryQuery.MaxLimit}.");

    public static Rejection InvalidContinuationToken { get; } =
        new("invalid-continuation-token", "The continuationToken was not issued by this API for this forward and date; start again without it.");

    public static IReadOnlyList<string> Reasons { get; } =
    [
        InvalidBody.Reason, BodyTooLarge.Reason, InvalidForwardId.Reason, ForwardIdMismatch.Reason, InvalidUrl.Reason,
        UnknownMacro("x").Reason, PrivateDestination.Reason, InvalidMethod.Reason, InvalidBodyTemplate.Reason, TemplateTooLarge("x").Reason, InvalidFilter.Reason,
        InvalidTimeout.Reason, ConcurrentUpdate.Reason, UnknownForward.Reason, InvalidConversionId.Reason, UnknownConversion.Reason,
        ForwardDisabled.Reason, InvalidOutcome.Reason, InvalidLimit.Reason, InvalidContinuationToken.Reason, ConversionTooLarge.Reason,
    ];
}
