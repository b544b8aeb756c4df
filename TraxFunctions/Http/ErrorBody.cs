using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Trax.Postbacks;

namespace Trax.Http;

/// <summary>
/// The body of a refusal or failure: the same <c>status</c>, <c>reason</c> and <c>message</c> fields as a refused
/// postback (<see cref="PostbackAnswer"/>), so one client-side check reads every Trax error.
/// </summary>
public sealed record ErrorBody(string Status, string Reason, string Message)
{
    /// <summary>"not-found" for 404, "error" for 5xx (retry later), "rejected" for any other refusal.</summary>
    public static string StatusFor(int statusCode) => statusCode switch
    {
        StatusCodes.Status404NotFound => "not-found",
        >= 500 => "error",
        _ => "rejected",
    };
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class HttpJsonContext : JsonSerializerContext;
