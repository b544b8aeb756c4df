using System.Text.Json.Serialization;

namespace Trax.Forwards;

/// <summary>Bodies of the <c>/api/forwards</c> answers; errors use the shared error body.</summary>
public sealed record ForwardBody(string Status, ForwardView Forward);

public sealed record ForwardListBody(string Status, IReadOnlyList<ForwardView> Forwards);

public sealed record ForwardDeletedBody(string Status, string Id);

public sealed record ForwardReplayBody(string Status, string ForwardId, string ConversionId, string JobId);

public sealed record DeliveryListBody(string ForwardId, string Date, string TimeZone, int Count, IReadOnlyList<ForwardDelivery> Items, string? ContinuationToken);

/// <summary>
/// A forward as the API shows it: its filters flat, like the request that saved it. The attribution filter is shown
/// as it applies (attributed only, when the forward names none), so saving what was read back changes nothing.
/// </summary>
public sealed record ForwardView(
    string Id, string Url, string Method, string? BodyFormat, string? Body, bool Enabled,
    IReadOnlyList<string>? Types, IReadOnlyList<string>? Statuses, IReadOnlyList<string>? Networks, IReadOnlyList<string>? Links,
    IReadOnlyList<string>? Campaigns, IReadOnlyList<string> Attribution, int TimeoutSeconds, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>Changes with every change of the forward; a cancelled delivery names the version its job was made for.</summary>
    public string? Version { get; init; }

    public static ForwardView Of(Forward f) => new(
        f.Id, f.Url, f.Method, f.BodyFormat, f.Body, f.Enabled, f.Filters.Types, f.Filters.Statuses, f.Filters.Networks,
        f.Filters.Links, f.Filters.Campaigns, f.Filters.AttributionOrDefault, f.TimeoutSeconds, f.CreatedAt, f.UpdatedAt) { Version = f.Version };
}

/// <summary>
/// Reads forward requests case-insensitively and refuses unknown fields (a typo such as <c>statusses</c> must not
/// silently forward everything); writes camelCase without nulls, like every Trax answer.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ForwardRequest))]
[JsonSerializable(typeof(ForwardBody))]
[JsonSerializable(typeof(ForwardListBody))]
[JsonSerializable(typeof(ForwardDeletedBody))]
[JsonSerializable(typeof(ForwardReplayBody))]
[JsonSerializable(typeof(DeliveryListBody))]
internal sealed partial class ForwardsJsonContext : JsonSerializerContext;
