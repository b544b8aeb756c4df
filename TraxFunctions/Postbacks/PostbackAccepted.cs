using System.Text.Json.Serialization;
using Trax.Core;

namespace Trax.Postbacks;

/// <summary>The 200 answer to a network: its callback is durably queued under <see cref="Id"/>.</summary>
public sealed record PostbackAccepted(
    string Status,
    string Type,
    [property: JsonPropertyName("clickid")] string ClickId,
    string Id,
    IReadOnlyList<string>? Warnings)
{
    public static PostbackAccepted From(PostbackMessage message) =>
        new("accepted", message.Type.ToName(), message.ClickId, message.Id, message.Warnings);
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PostbackAccepted))]
internal sealed partial class PostbackJsonAnswers : JsonSerializerContext;
