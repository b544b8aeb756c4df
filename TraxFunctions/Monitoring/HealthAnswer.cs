using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Trax.Http;

namespace Trax.Monitoring;

/// <summary>The whole health answer: a status code and one word, never cached.</summary>
public sealed class HealthAnswer : IActionResult
{
    private HealthAnswer(int statusCode, string status)
    {
        StatusCode = statusCode;
        Status = status;
    }

    public static HealthAnswer Healthy { get; } = new(StatusCodes.Status200OK, "healthy");

    public static HealthAnswer Unhealthy { get; } = new(StatusCodes.Status503ServiceUnavailable, "unhealthy");

    public int StatusCode { get; }

    public string Status { get; }

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        JsonAnswerWriter.WriteHead(response, StatusCode, "application/json; charset=utf-8");
        await response.WriteAsync($$"""{"status":"{{Status}}"}""", context.HttpContext.RequestAborted);
    }
}
