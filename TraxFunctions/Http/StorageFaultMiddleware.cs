using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Trax.Http;

/// <summary>
/// The one place where a storage fault becomes an answer, for every HTTP function: 503 <c>storage-unavailable</c>
/// with <c>Retry-After</c>, so that networks and scripts retry and nothing is lost; handlers never catch storage
/// exceptions themselves. It writes the answer to the response directly (the ASP.NET Core integration then writes
/// nothing more, since the function returned no result). Registered after <c>ConfigureFunctionsWebApplication</c>, so
/// that it runs inside the integration's middleware, where the request's HttpContext is available. Other triggers
/// and other exceptions pass through: a queue message is retried by the host, a bug stays a 500. A write storage
/// refuses as too large (413) is answered 413 <c>too-large-to-store</c>: never an outage, never a plain 500.
/// </summary>
public sealed partial class StorageFaultMiddleware(IOptions<TraxOptions> options, ILogger<StorageFaultMiddleware> logger)
    : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (context.GetHttpContext() is { Response.HasStarted: false } http
            && !context.CancellationToken.IsCancellationRequested && StorageFault.Is(ex, http.RequestAborted))
        {
            LogStorageUnavailable(logger, ex, context.FunctionDefinition.Name);
            http.Response.Clear();
            var answer = Answers.StorageUnavailable(options.Value.RetryAfterSeconds);
            await answer.ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));
        }
        catch (Exception ex) when (context.GetHttpContext() is { Response.HasStarted: false } http && StorageFault.IsTooLarge(ex))
        {
            LogTooLargeToStore(logger, ex, context.FunctionDefinition.Name);
            http.Response.Clear();
            await Answers.Rejected(TooLargeToStore).ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));
        }
    }

    /// <summary>Storage refused what this request would write as too large: retrying the same request cannot help.</summary>
    public static Input.Rejection TooLargeToStore { get; } = new("too-large-to-store",
        "Part of what this request would store is larger than Azure Storage accepts, so it was refused. Retrying the same request will not help.", 413);

    [LoggerMessage(EventId = 9001, Level = LogLevel.Error, Message = "Storage refused a write from {Function} as too large (413): a bound is missing; answered 413")]
    private static partial void LogTooLargeToStore(ILogger logger, Exception exception, string function);

    [LoggerMessage(EventId = 9000, Level = LogLevel.Error, Message = "Storage unavailable in {Function}: answered 503 with Retry-After")]
    private static partial void LogStorageUnavailable(ILogger logger, Exception exception, string function);
}
