using System.Text.Json.Serialization;

namespace Trax.Clicks;

/// <summary>
/// A click minted elsewhere (for example by an existing site plugin), as posted to <c>/api/clicks</c>. Only the
/// click id is required; a known <see cref="LinkId"/> fills network, program, campaign and window that the body
/// leaves out. <see cref="Ip"/> is stored only in its protected form, like a redirect's.
/// </summary>
public sealed record ClickRegistration
{
    public string? ClickId { get; init; }

    /// <summary>When the visitor clicked; now when absent. Up to an hour ahead is accepted as clock skew.</summary>
    public DateTimeOffset? ClickedAt { get; init; }

    public string? LinkId { get; init; }

    public string? Network { get; init; }

    public string? Program { get; init; }

    public string? Campaign { get; init; }

    public int? AttributionWindowDays { get; init; }

    public string? Source { get; init; }

    public string? Sub1 { get; init; }

    public string? Sub2 { get; init; }

    public string? Sub3 { get; init; }

    public string? Sub4 { get; init; }

    public string? Sub5 { get; init; }

    public string? UserAgent { get; init; }

    public string? Ip { get; init; }
}

/// <summary>What became of one posted click: created, exists (already registered: fine), rejected or error.</summary>
public sealed record ClickResult(
    [property: JsonPropertyName("clickid")] string? ClickId,
    string Status,
    string? Reason = null,
    string? Message = null,
    int? Reattributed = null,
    IReadOnlyList<string>? Warnings = null);

/// <summary>The answer to <c>/api/clicks</c>: counts, then one result per posted click, in order.</summary>
public sealed record ClickRegistrationBody(
    string Status,
    int Created,
    int Existing,
    int Rejected,
    int Failed,
    IReadOnlyList<ClickResult> Clicks);

/// <summary>Reads clicks case-insensitively (clickid or clickId) and ignores unknown fields, as postbacks do.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ClickRegistration))]
[JsonSerializable(typeof(List<ClickRegistration>))]
[JsonSerializable(typeof(ClickRegistrationBody))]
internal sealed partial class ClicksJsonContext : JsonSerializerContext;
