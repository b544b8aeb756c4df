using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Trax.Http;

/// <summary>
/// Writes every answer's head (status, content type, and the headers every Trax answer carries) and JSON bodies.
/// The answers write themselves, so what a test reads from the response is exactly what the host sends.
/// </summary>
public static class AnswerWriter
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public static void WriteHead(HttpResponse response, int statusCode, string? contentType)
    {
        response.StatusCode = statusCode;
        if (contentType is not null)
        {
            response.ContentType = contentType;
        }

        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
    }

    public static async Task WriteJsonAsync<T>(
        HttpContext context, int statusCode, T body, JsonTypeInfo<T> typeInfo, int? retryAfterSeconds = null, string? location = null)
    {
        var response = context.Response;
        WriteHead(response, statusCode, JsonContentType);
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        if (location is not null)
        {
            response.Headers.Location = location;
        }

        // HEAD answers like GET, without a body.
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await JsonSerializer.SerializeAsync(response.Body, body, typeInfo, context.RequestAborted);
    }
}
