using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Trax.Clicks;

/// <summary>
/// 302 Found to the link's destination. Writes itself (no MVC executor needed), like every Trax answer. Never
/// cached: each visit must mint its own click id. <c>X-Robots-Tag</c> keeps <c>/go</c> URLs out of search indexes.
/// </summary>
public sealed class RedirectAnswer(string location) : IActionResult
{
    public string Location { get; } = location;

    public Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status302Found;
        response.Headers.Location = Location;
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        return Task.CompletedTask;
    }
}
