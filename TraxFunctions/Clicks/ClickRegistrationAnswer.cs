using System.Text.Json.Serialization;

namespace Trax.Clicks;

/// <summary>What became of one posted click: created, exists (already registered: fine) or rejected.</summary>
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
