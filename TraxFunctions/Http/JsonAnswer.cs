using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Trax.Http;

/// <summary>A JSON answer with its status code; handlers return it and tests can read <see cref="Body"/>.</summary>
public sealed class JsonAnswer<T>(int statusCode, T body, JsonTypeInfo<T> typeInfo) : IActionResult
{
    public int StatusCode { get; } = statusCode;

    public T Body { get; } = body;

    public int? RetryAfterSeconds { get; init; }

    public string? Location { get; init; }

    public Task ExecuteResultAsync(ActionContext context) =>
        JsonAnswerWriter.WriteAsync(context.HttpContext, StatusCode, Body, typeInfo, RetryAfterSeconds, Location);
}
