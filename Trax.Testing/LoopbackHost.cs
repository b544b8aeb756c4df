using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Trax.Testing;

/// <summary>
/// Trax over real HTTP, for a browser: Kestrel on a free loopback port, every request routed by functions.metadata
/// through the app's <see cref="FunctionHost"/> (so the same functions and middleware as everywhere else), with the
/// function keys enforced as the Functions host enforces them: <c>authLevel</c> function takes a function or master
/// key in the <c>code</c> query parameter or the <c>x-functions-key</c> header, admin takes only the master key, and
/// anything else is a 401 before the function runs. A path no function routes is the host's 404.
/// </summary>
public sealed class LoopbackHost : IAsyncDisposable
{
    private readonly WebApplication web;
    private readonly TraxApp app;

    private LoopbackHost(WebApplication web, TraxApp app)
    {
        this.web = web;
        this.app = app;
    }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:54321</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>A key that opens every function-level function (as the host's <c>default</c> host key does).</summary>
    public string FunctionKey { get; } = NewKey();

    /// <summary>The master key: every function, admin level included.</summary>
    public string MasterKey { get; } = NewKey();

    /// <summary>Every request answered, in order: method, path and query, the function that ran (or null) and the status.</summary>
    public ConcurrentQueue<HostedRequest> Requests { get; } = new();

    public static async Task<LoopbackHost> StartAsync(TraxApp app)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var web = builder.Build();
        var host = new LoopbackHost(web, app);
        web.Run(host.HandleAsync);
        await web.StartAsync();
        host.BaseUrl = web.Urls.Single();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await web.StopAsync();
        await web.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var incoming = context.Request;
        var match = app.Host.Metadata.Match(incoming.Method, incoming.Path);
        if (match is null)
        {
            await AnswerAsync(context, null, StatusCodes.Status404NotFound);
            return;
        }

        if (!IsAuthorized(incoming, (string?)app.Host.Metadata.Trigger(match.Function)["authLevel"]))
        {
            await AnswerAsync(context, match.Function, StatusCodes.Status401Unauthorized);
            return;
        }

        // The function gets its own request, as the worker hands it one; its answer is copied back to Kestrel's.
        var request = HttpRequests.Create(incoming.Method, incoming.Path + incoming.QueryString);
        request.Scheme = incoming.Scheme;
        request.Host = incoming.Host;
        request.Headers.Clear();
        foreach (var (name, values) in incoming.Headers)
        {
            request.Headers[name] = values;
        }

        var body = new MemoryStream();
        await incoming.Body.CopyToAsync(body, context.RequestAborted);
        body.Position = 0;
        request.Body = body;
        request.HttpContext.Connection.RemoteIpAddress = context.Connection.RemoteIpAddress;

        try
        {
            await app.Host.SendAsync(request, context.RequestAborted);
        }
        catch (Exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            // What the host answers when a function throws.
            await AnswerAsync(context, match.Function, StatusCodes.Status500InternalServerError);
            return;
        }

        var answer = request.HttpContext.Response;
        context.Response.StatusCode = answer.StatusCode;
        foreach (var (name, values) in answer.Headers)
        {
            context.Response.Headers[name] = values;
        }

        var bytes = ((MemoryStream)answer.Body).ToArray();
        context.Response.ContentLength = HttpMethods.IsHead(incoming.Method) ? answer.ContentLength : bytes.Length;
        Requests.Enqueue(new HostedRequest(incoming.Method, incoming.Path + incoming.QueryString, match.Function, answer.StatusCode));
        if (!HttpMethods.IsHead(incoming.Method))
        {
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }
    }

    private bool IsAuthorized(HttpRequest request, string? authLevel)
    {
        if (string.Equals(authLevel, "Anonymous", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var key = request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        return key is not null && (Same(key, MasterKey) ||
            (string.Equals(authLevel, "Function", StringComparison.OrdinalIgnoreCase) && Same(key, FunctionKey)));
    }

    private Task AnswerAsync(HttpContext context, string? function, int status)
    {
        Requests.Enqueue(new HostedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, function, status));
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static bool Same(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b));

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '-').Replace('/', '_');
}

/// <summary>One request the loopback host answered.</summary>
public sealed record HostedRequest(string Method, string PathAndQuery, string? Function, int Status);
