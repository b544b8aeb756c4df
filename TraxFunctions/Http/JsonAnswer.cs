using System.Text.Json.Serialization.Metadata;

namespace Trax.Http;

/// <summary>A JSON answer with its status code (made by <see cref="Answers"/>); tests can read <see cref="Body"/>.</summary>
public sealed class JsonAnswer<T> : IActionResult
{
    private readonly JsonTypeInfo<T> typeInfo;

    internal JsonAnswer(int statusCode, T body, JsonTypeInfo<T> typeInfo)
    {
        StatusCode = statusCode;
        Body = body;
        this.typeInfo = typeInfo;
    }

    public int StatusCode { get; }

    public T Body { get; }

    public int? RetryAfterSeconds { get; init; }

    public string? Location { get; init; }

    public Task ExecuteResultAsync(ActionContext context) =>
        AnswerWriter.WriteJsonAsync(context.HttpContext, StatusCode, Body, typeInfo, RetryAfterSeconds, Location);
}
