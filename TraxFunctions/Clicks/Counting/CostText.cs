using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trax.Clicks;

/// <summary>
/// Reads a cost given as a JSON number (<c>0.25</c>) or string (<c>"0.25"</c>) as its exact text, so that
/// <see cref="Input.Cost"/> judges both by one rule and a number is never rounded through a double.
/// </summary>
public sealed class CostText : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray()),
        _ => throw new JsonException("cost must be a number or a string."),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
