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

/// <summary>Answers shared by the link and click APIs and the redirect.</summary>
public static class ErrorAnswers
{
    public static JsonAnswer<ErrorBody> Rejected(Rejection rejection) =>
        new(rejection.StatusCode, new ErrorBody(ErrorBody.StatusFor(rejection.StatusCode), rejection.Reason, rejection.Message),
            HttpJsonContext.Default.ErrorBody);

    public static JsonAnswer<ErrorBody> StorageUnavailable(int retryAfterSeconds, string message) =>
        new(StatusCodes.Status503ServiceUnavailable, new ErrorBody("error", "storage-unavailable", message), HttpJsonContext.Default.ErrorBody)
        {
            RetryAfterSeconds = retryAfterSeconds,
        };
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class HttpJsonContext : JsonSerializerContext;
