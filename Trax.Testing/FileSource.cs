using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Trax.Testing;

/// <summary>
/// A real HTTP server for what Trax fetches (the rates file): Kestrel on a free loopback port, answering every GET
/// as the test sets it — a file with its content type, a status, a redirect, a file larger than a limit, or a hang
/// until the caller gives up — and counting the requests.
/// </summary>
public sealed class FileSource : IAsyncDisposable
{
    private readonly WebApplication app;
    private volatile Func<HttpContext, Task> answer = Status(404);
    private int requests;

    private FileSource(WebApplication app) => this.app = app;

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:54321</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    public int Requests => requests;

    public static async Task<FileSource> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var source = new FileSource(app);
        app.Run(context =>
        {
            Interlocked.Increment(ref source.requests);
            return source.answer(context);
        });
        await app.StartAsync();
        source.BaseUrl = app.Urls.Single();
        return source;
    }

    /// <summary>Every request gets 200 with this body.</summary>
    public void Serve(byte[] body, string contentType = "text/xml") => answer = async context =>
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = contentType;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    };

    public void Serve(string body, string contentType = "text/xml") => Serve(System.Text.Encoding.UTF8.GetBytes(body), contentType);

    /// <summary>Every request gets this status and a short text.</summary>
    public void AnswerStatus(int status) => answer = Status(status);

    /// <summary>Every request gets a redirect to <paramref name="location"/>.</summary>
    public void Redirect(string location, int status = 302) => answer = context =>
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    };

    /// <summary>200 and an endless body without a length, written until the caller hangs up.</summary>
    public void ServeEndless() => answer = async context =>
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/xml";
        var chunk = new byte[64 * 1024];
        try
        {
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client stopped reading, as it should.
        }
    };

    /// <summary>Headers never come: the request hangs until the caller gives up.</summary>
    public void Hang() => answer = async context =>
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, as it should.
        }
    };

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static Func<HttpContext, Task> Status(int status) => context =>
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsync("status " + status);
    };
}
