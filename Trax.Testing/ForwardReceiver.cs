using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Trax.Testing;

/// <summary>
/// A real HTTP destination for forwards: Kestrel on a free loopback port, recording every request it gets (method,
/// path and query, headers that matter, body) and answering as the test scripts it — a status code, a run of
/// them (500 then 200), a status with a <c>Retry-After</c>, or a hang until the caller gives up.
/// </summary>
public sealed class ForwardReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> script = new();
    private volatile Func<HttpContext, Task> fallback = Answer(200);

    private ForwardReceiver(WebApplication app) => this.app = app;

    /// <summary>Every request received, in order of arrival.</summary>
    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    /// <summary>The receiver's base address, e.g. <c>http://127.0.0.1:54321</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    public static async Task<ForwardReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new ForwardReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        receiver.BaseUrl = app.Urls.Single();
        return receiver;
    }

    /// <summary>The next requests get these statuses, in order; after them, <see cref="AnswerAlways"/>'s.</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            script.Enqueue(Answer(status));
        }
    }

    public void AnswerAlways(int status) => fallback = Answer(status);

    /// <summary>The next request gets <paramref name="status"/> with a <c>Retry-After</c> of <paramref name="retryAfter"/> (seconds or an HTTP date).</summary>
    public void AnswerNextWithRetryAfter(int status, string retryAfter) => script.Enqueue(context =>
    {
        context.Response.Headers.RetryAfter = retryAfter;
        return Answer(status)(context);
    });

    /// <summary>The next request gets no answer until the client hangs up.</summary>
    public void HangNext() => script.Enqueue(async context =>
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, as it should.
        }
    });

    /// <summary>
    /// The next request is held until the returned source is set (or the client hangs up), then answered 200: a
    /// send still in flight, for a test that must act while it is.
    /// </summary>
    public TaskCompletionSource HoldNext()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        script.Enqueue(async context =>
        {
            await release.Task.WaitAsync(context.RequestAborted);
            await Answer(200)(context);
        });
        return release;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        Received.Enqueue(new ReceivedRequest(
            context.Request.Method,
            context.Request.Path + context.Request.QueryString,
            context.Request.Headers["Idempotency-Key"].ToString(),
            context.Request.ContentType,
            context.Request.Headers.UserAgent.ToString(),
            body)
        {
            Authorization = context.Request.Headers.Authorization is { Count: > 0 } authorization ? authorization.ToString() : null,
        });
        var respond = script.TryDequeue(out var next) ? next : fallback;
        await respond(context);
    }

    private static Func<HttpContext, Task> Answer(int status) => context =>
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsync("ok");
    };
}

/// <summary>One request as the receiver saw it; <see cref="Query"/> is the query string's values, decoded.</summary>
public sealed record ReceivedRequest(string Method, string PathAndQuery, string IdempotencyKey, string? ContentType, string UserAgent, string Body)
{
    /// <summary>The Authorization header as sent, or null without one.</summary>
    public string? Authorization { get; init; }

    public IReadOnlyDictionary<string, string> Query =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(PathAndQuery.Contains('?') ? PathAndQuery[PathAndQuery.IndexOf('?')..] : "")
            .ToDictionary(kv => kv.Key, kv => kv.Value.ToString());
}
