using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Trax.Http;

/// <summary>
/// The one place where a storage fault becomes an answer, for every HTTP function: 503 <c>storage-unavailable</c>
/// with <c>Retry-After</c>, so that networks and scripts retry and nothing is lost; handlers never catch storage
/// exceptions themselves. It writes the answer to the response directly (the ASP.NET Core integration then writes
/// nothing more, since the function returned no result). Registered after <c>ConfigureFunctionsWebApplication</c>, so
/// that it runs inside the integration's middleware, where the request's HttpContext is available. Other triggers
/// and other exceptions pass through: a queue message is retried by the host, a bug stays a 500.
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
    }

    [LoggerMessage(EventId = 9000, Level = LogLevel.Error, Message = "Storage unavailable in {Function}: answered 503 with Retry-After")]
    private static partial void LogStorageUnavailable(ILogger logger, Exception exception, string function);
}
