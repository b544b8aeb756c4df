using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Trax.Http;
using Trax.Postbacks;

namespace Trax.Reports;

/// <summary>
/// A 200 answer of the report, lookup and log APIs: a body built in memory (bounded by the APIs' limits), then
/// written asynchronously with the same head as every Trax answer (<see cref="JsonAnswerWriter.WriteHead"/>).
/// </summary>
public sealed class QueryAnswer : IActionResult
{
    private readonly ReadOnlyMemory<byte> body;

    private QueryAnswer(string contentType, ReadOnlyMemory<byte> body, string? fileName)
    {
        ContentType = contentType;
        this.body = body;
        FileName = fileName;
    }

    public string ContentType { get; }

    /// <summary>Offered as a download (Content-Disposition) under this name.</summary>
    public string? FileName { get; }

    public static QueryAnswer Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return new QueryAnswer("application/json; charset=utf-8", buffer.WrittenMemory, null);
    }

    public static QueryAnswer Csv(string text, string fileName) =>
        new("text/csv; charset=utf-8; header=present", Encoding.UTF8.GetBytes(text), fileName);

    /// <summary>
    /// Runs a handler's storage read and answers with its result; storage that cannot be read answers 503
    /// <c>storage-unavailable</c> with Retry-After (so a script retries), never a 500.
    /// </summary>
    internal static async Task<IActionResult> FromStorageAsync<T>(
        Func<Task<T>> read, Func<T, IActionResult> answer, string what, TraxOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        T result;
        try
        {
            result = await read();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.StorageFailed(logger, ex, what);
            return ErrorAnswers.StorageUnavailable(options.RetryAfterSeconds, $"The {what} could not be read from storage; please retry later.");
        }

        return answer(result);
    }

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        JsonAnswerWriter.WriteHead(response, StatusCodes.Status200OK, ContentType);
        if (FileName is not null)
        {
            response.Headers.ContentDisposition = $"attachment; filename=\"{FileName}\"";
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.HttpContext.RequestAborted);
    }
}
