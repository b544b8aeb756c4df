using Trax.Conversions;
using Trax.Core;

namespace Trax.Forwards;

/// <summary>
/// A destination that hears of conversions: an ad platform or a partner. When a conversion that matches
/// <see cref="Filters"/> is counted or changes status, Trax sends <see cref="Url"/> (GET, or POST with a form or
/// JSON <see cref="Body"/>), its macros filled with the conversion's values.
/// </summary>
public sealed record Forward
{
    public const int DefaultTimeoutSeconds = 10;

    public required string Id { get; init; }

    /// <summary>An absolute http(s) URL template with macros such as <c>{sub1}</c> (<see cref="ForwardMacros"/>).</summary>
    public required string Url { get; init; }

    /// <summary><c>GET</c> or <c>POST</c>.</summary>
    public string Method { get; init; } = "GET";

    /// <summary>For POST: <c>form</c> (application/x-www-form-urlencoded) or <c>json</c>; null for GET.</summary>
    public string? BodyFormat { get; init; }

    /// <summary>For POST: the body template, macros URL-encoded (form) or JSON-string-escaped (json).</summary>
    public string? Body { get; init; }

    public bool Enabled { get; init; } = true;

    public ForwardFilters Filters { get; init; } = ForwardFilters.Any;

    public int TimeoutSeconds { get; init; } = DefaultTimeoutSeconds;

    /// <summary>
    /// Which version of the forward this is: a new random value whenever it is created or saved with other settings
    /// (url, method, body, filters, timeout, enabled), never one used before; a save that changes nothing keeps it.
    /// A job carries the version it was made for, and a job of another version is never sent. Null for a forward
    /// saved before versions existed (its jobs have none either).
    /// </summary>
    public string? Version { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>
/// Which conversions a forward hears of: each list that is given must hold the conversion's value (types and
/// statuses exactly, networks and campaigns case-insensitively, links by id); an empty or missing list is any. The
/// attribution is the exception: a forward that names none hears of attributed conversions only, as every forward did
/// before unattributed conversions were counted (<see cref="AttributionOrDefault"/>).
/// </summary>
public sealed record ForwardFilters(
    IReadOnlyList<string>? Types = null,
    IReadOnlyList<string>? Statuses = null,
    IReadOnlyList<string>? Networks = null,
    IReadOnlyList<string>? Links = null,
    IReadOnlyList<string>? Campaigns = null,
    IReadOnlyList<string>? Attribution = null)
{
    public static ForwardFilters Any { get; } = new();

    /// <summary>What a forward without an attribution filter hears of.</summary>
    public static IReadOnlyList<string> DefaultAttribution { get; } = [Attributions.Attributed];

    /// <summary>The attributions this forward hears of (<see cref="Attributions"/>).</summary>
    public IReadOnlyList<string> AttributionOrDefault => Attribution is { Count: > 0 } given ? given : DefaultAttribution;

    public bool Match(Conversion conversion) =>
        AttributionOrDefault.Contains(conversion.AttributionName, StringComparer.Ordinal)
        && Has(Types, conversion.Type.ToName(), StringComparer.Ordinal)
        && Has(Statuses, conversion.State.Status.ToName(), StringComparer.Ordinal)
        && Has(Networks, conversion.NetworkOrClicks, StringComparer.OrdinalIgnoreCase)
        && Has(Links, conversion.Attribution?.Click.LinkId, StringComparer.OrdinalIgnoreCase)
        && Has(Campaigns, conversion.Attribution?.Click.Campaign, StringComparer.OrdinalIgnoreCase);

    private static bool Has(IReadOnlyList<string>? allowed, string? value, StringComparer comparer) =>
        allowed is not { Count: > 0 } || (value is not null && allowed.Contains(value, comparer));
}
