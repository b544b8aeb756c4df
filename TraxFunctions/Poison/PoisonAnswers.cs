using System.Text.Json.Serialization;

namespace Trax.Poison;

/// <summary>The body of <c>GET /api/admin/poison</c>.</summary>
public sealed record PoisonListing(string Queue, IReadOnlyList<PoisonMessage> Messages);

/// <summary>The body of <c>POST /api/admin/poison/replay</c>.</summary>
public sealed record PoisonReplay(int Replayed, IReadOnlyList<string> Ids);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PoisonListing))]
[JsonSerializable(typeof(PoisonReplay))]
internal sealed partial class PoisonJsonContext : JsonSerializerContext;
