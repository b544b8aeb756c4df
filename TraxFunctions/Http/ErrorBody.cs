using System.Text.Json.Serialization;

namespace Trax.Http;

/// <summary>
/// The body of every refusal or failure: <c>status</c>, <c>reason</c> (a stable code) and <c>message</c>, and the
/// <c>line</c> of an uploaded file when the refusal is about one.
/// </summary>
public sealed record ErrorBody(string Status, string Reason, string Message)
{
    public long? Line { get; init; }

    /// <summary>"not-found" for 404, "error" for 5xx (retry later), "rejected" for any other refusal.</summary>
    public static string StatusFor(int statusCode) => statusCode switch
    {
        StatusCodes.Status404NotFound => "not-found",
        >= 500 => "error",
        _ => "rejected",
    };
}

/// <summary>The body of a one-word answer (health).</summary>
public sealed record StatusBody(string Status);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(StatusBody))]
internal sealed partial class HttpJsonContext : JsonSerializerContext;
