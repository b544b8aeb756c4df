using Trax.Input;

namespace Trax.Links;

/// <summary>
/// Why <c>/api/links</c> or <c>/go</c> refused a request: stable reason codes (docs/clicks-and-links.md), in the
/// same <see cref="Rejection"/> shape as postbacks. Clients match on these: never rename one.
/// </summary>
public static class LinkRejections
{
    public const int MaxBodyBytes = 16 * 1024;

    public static Rejection InvalidBody { get; } =
        new("invalid-body", "The body must be one JSON object with the link's fields (id, destination, network, program, campaign, attributionWindowDays, enabled).");

    public static Rejection BodyTooLarge { get; } =
        new("body-too-large", $"The request body is larger than {MaxBodyBytes} bytes.", 413);

    public static Rejection InvalidLinkId { get; } =
        new("invalid-link-id", $"The link id must be 1 to {LinkId.MaxLength} letters, digits, '-' or '_', starting with a letter or digit.");

    public static Rejection LinkIdMismatch { get; } =
        new("link-id-mismatch", "The id in the body differs from the id in the path.");

    public static Rejection InvalidDestination { get; } =
        new("invalid-destination", $"The destination must be an absolute http or https URL of at most {LinkTemplate.MaxLength} printable ASCII characters, without spaces.");

    public static Rejection MissingPlaceholder { get; } =
        new("missing-placeholder", $"The destination must contain {LinkTemplate.Placeholder}, where the click id goes.");

    public static Rejection MissingField { get; } =
        new("missing-field", "The network and program fields are required.");

    public static Rejection InvalidField { get; } =
        new("invalid-field", $"network, program and campaign must be at most {OptionalField.MaxLength} characters, without control characters or an unreplaced placeholder.");

    public static Rejection InvalidAttributionWindow { get; } =
        new("invalid-attribution-window", "attributionWindowDays must be a whole number of days from 1 to 3650, or absent for no window.");

    public static Rejection LinkExists { get; } =
        new("link-exists", "A link with this id exists already: PUT /api/links/{id} replaces it.", 409);

    public static Rejection ConcurrentUpdate { get; } =
        new("concurrent-update", "The link kept changing while it was being saved; please retry.", 409);

    public static Rejection UnknownLink { get; } =
        new("unknown-link", "There is no such link, or it is disabled.", 404);

    public static IReadOnlyList<Rejection> All { get; } =
    [
        InvalidBody, BodyTooLarge, InvalidLinkId, LinkIdMismatch, InvalidDestination, MissingPlaceholder,
        MissingField, InvalidField, InvalidAttributionWindow, LinkExists, ConcurrentUpdate, UnknownLink,
    ];
}
