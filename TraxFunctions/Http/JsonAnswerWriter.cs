using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Trax.Http;

/// <summary>
/// Writes every JSON answer Trax gives (postbacks, links, clicks): status, the same headers, then the body. The
/// answers write themselves, so what a test reads from the response is exactly what the host sends.
/// </summary>
public static class JsonAnswerWriter
{
    public static async Task WriteAsync<T>(
        HttpContext context, int statusCode, T body, JsonTypeInfo<T> typeInfo, int? retryAfterSeconds = null, string? location = null)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
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
