using System.Text.Json.Serialization;

namespace Trax.Rates;

/// <summary>The answer to a PUT: what was stored.</summary>
public sealed record RatesStoredBody(string Status, string Date, string Base, int Currencies, string Source);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RatesStoredBody))]
internal sealed partial class RatesJsonContext : JsonSerializerContext;
