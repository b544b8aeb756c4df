using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Trax.Http;

/// <summary>
/// A JSON answer that writes itself (status, no-store, body) with a source-generated serializer, so that what a
/// test reads from the response is exactly what the host sends, with no MVC formatter in between.
/// </summary>
public sealed class JsonAnswer<T>(int statusCode, T body, JsonTypeInfo<T> typeInfo) : IActionResult
{
    public int StatusCode { get; } = statusCode;

    public T Body { get; } = body;

    public Task ExecuteResultAsync(ActionContext context) =>
        JsonAnswer.WriteAsync(context.HttpContext.Response, StatusCode, Body, typeInfo, retryAfterSeconds: null);
}

public static class JsonAnswer
{
    public static async Task WriteAsync<T>(HttpResponse response, int statusCode, T body, JsonTypeInfo<T> typeInfo, int? retryAfterSeconds)
    {
        WriteHead(response, statusCode, "application/json; charset=utf-8");
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await JsonSerializer.SerializeAsync(response.Body, body, typeInfo, response.HttpContext.RequestAborted);
    }

    /// <summary>Status and the headers every Trax answer carries, JSON or not (reports also answer CSV).</summary>
    public static void WriteHead(HttpResponse response, int statusCode, string contentType)
    {
        response.StatusCode = statusCode;
        response.ContentType = contentType;
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
    }
}
