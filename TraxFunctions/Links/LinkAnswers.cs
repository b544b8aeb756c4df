using System.Text.Json.Serialization;

namespace Trax.Links;

/// <summary>Bodies of the <c>/api/links</c> answers; errors use <see cref="ErrorBody"/>.</summary>
public sealed record LinkBody(string Status, Link Link);

public sealed record LinkListBody(string Status, IReadOnlyList<Link> Links);

public sealed record LinkDeletedBody(string Status, string Id);

/// <summary>
/// Reads link requests case-insensitively and refuses unknown fields (a typo such as <c>atributionWindowDays</c>
/// must not silently leave a link without its window); writes camelCase without nulls, like every Trax answer.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LinkRequest))]
[JsonSerializable(typeof(LinkBody))]
[JsonSerializable(typeof(LinkListBody))]
[JsonSerializable(typeof(LinkDeletedBody))]
internal sealed partial class LinksJsonContext : JsonSerializerContext;
