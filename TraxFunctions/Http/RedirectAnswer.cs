namespace Trax.Http;

/// <summary>
/// 302 Found to a link's destination (made by <see cref="Answers.Redirect"/>). Never cached: each visit must mint its
/// own click id. <c>X-Robots-Tag</c> keeps <c>/go</c> URLs out of search indexes.
/// </summary>
public sealed class RedirectAnswer : IActionResult
{
    internal RedirectAnswer(string location) => Location = location;

    public string Location { get; }

    public Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        AnswerWriter.WriteHead(response, StatusCodes.Status302Found, contentType: null);
        response.Headers.Location = Location;
        response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        return Task.CompletedTask;
    }
}
