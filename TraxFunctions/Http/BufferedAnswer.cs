namespace Trax.Http;

/// <summary>A 200 with a body built in memory (query results: JSON written by hand, or CSV), made by <see cref="Answers"/>.</summary>
public sealed class BufferedAnswer : IActionResult
{
    private readonly ReadOnlyMemory<byte> body;

    internal BufferedAnswer(string contentType, ReadOnlyMemory<byte> body, string? fileName)
    {
        ContentType = contentType;
        this.body = body;
        FileName = fileName;
    }

    public string ContentType { get; }

    /// <summary>Offered as a download (Content-Disposition) under this name.</summary>
    public string? FileName { get; }

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        AnswerWriter.WriteHead(response, StatusCodes.Status200OK, ContentType);
        if (FileName is not null)
        {
            response.Headers.ContentDisposition = $"attachment; filename=\"{FileName}\"";
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.HttpContext.RequestAborted);
    }
}
