using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Trax.Http;

namespace Trax.Postbacks;

/// <summary>The JSON answer to a network: accepted, rejected with a reason code, or a storage error.</summary>
public sealed record PostbackAnswer(
    [property: JsonIgnore] int StatusCode,
    string Status,
    string? Type = null,
    [property: JsonPropertyName("clickid")] string? ClickId = null,
    string? Id = null,
    string? Reason = null,
    string? Message = null,
    IReadOnlyList<string>? Warnings = null) : IActionResult
{
    [JsonIgnore]
    public int? RetryAfterSeconds { get; init; }

    public static PostbackAnswer Accepted(PostbackMessage message) =>
        new(StatusCodes.Status200OK, "accepted", message.Type.ToName(), message.ClickId, message.Id, Warnings: message.Warnings);

    public static PostbackAnswer Rejected(Rejection rejection) =>
        new(rejection.StatusCode, "rejected", Reason: rejection.Reason, Message: rejection.Message);

    public static PostbackAnswer StorageUnavailable(int retryAfterSeconds) =>
        new(StatusCodes.Status503ServiceUnavailable, "error", Reason: "storage-unavailable",
            Message: "The callback could not be stored. Nothing was recorded; please retry later.")
        {
            RetryAfterSeconds = retryAfterSeconds,
        };

    public Task ExecuteResultAsync(ActionContext context) =>
        JsonAnswerWriter.WriteAsync(context.HttpContext, StatusCode, this, PostbackAnswerJsonContext.Default.PostbackAnswer, RetryAfterSeconds);
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PostbackAnswer))]
internal sealed partial class PostbackAnswerJsonContext : JsonSerializerContext;
