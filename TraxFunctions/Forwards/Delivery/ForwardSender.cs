using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Polly;
using Polly.Timeout;

namespace Trax.Forwards;

/// <summary>
/// Sends one job to its forward over HTTP: the URL and body filled from the job's values, an
/// <c>Idempotency-Key</c> of the job id (the same on every attempt, so a destination can drop a repeat), no
/// redirects followed, at most <see cref="MaxResponseBytes"/> of the answer read, the forward's timeout enforced by
/// the resilience pipeline of the named client (<see cref="ClientName"/>), every connection checked by the
/// <see cref="DestinationGuard"/>. It never throws for what the destination does: the result says what happened.
/// </summary>
public sealed class ForwardSender(IHttpClientFactory clients)
{
    public const string ClientName = "trax-forwards";

    public const int MaxResponseBytes = 64 * 1024;

    public const string UserAgent = "Trax-Forward/1.0";

    /// <summary>Carries a forward's timeout to the pipeline's timeout strategy, per request.</summary>
    public static readonly ResiliencePropertyKey<TimeSpan> TimeoutKey = new("trax.forward.timeout");

    private readonly ConcurrentDictionary<string, (ForwardTemplate? Parsed, string? Unknown)> templates = new(StringComparer.Ordinal);

    public async Task<SendResult> SendAsync(Forward forward, ForwardJob job, CancellationToken cancellationToken)
    {
        if (UnknownMacro(forward) is { } unknown)
        {
            // Saved by a version that knew the macro: no retry can fill it, so the job fails in the log, not in poison.
            return new SendResult(SendOutcome.Invalid, null,
                $"the forward holds the macro {{{unknown}}}, which this version does not know: nothing was sent", TimeSpan.Zero, forward.Url);
        }

        var (rendered, tooLong) = RenderedForward.Render(forward, job.Values, Template);
        if (rendered is null)
        {
            return TooLong(tooLong!, forward);
        }

        var url = rendered.Url;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            // Saved forwards cannot render one (macros fill only the path and query), but one saved before that rule can.
            return new SendResult(SendOutcome.Invalid, null, "the URL filled in is not a valid absolute URL", TimeSpan.Zero, url);
        }

        using var request = new HttpRequestMessage(rendered.Method == "POST" ? HttpMethod.Post : HttpMethod.Get, uri);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", job.Id);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        if (BasicCredentials(uri) is { } credentials)
        {
            request.Headers.Authorization = credentials;
        }

        if (rendered.Body is not null)
        {
            request.Content = new StringContent(rendered.Body, Encoding.UTF8, rendered.ContentType!);
        }

        var timeout = TimeSpan.FromSeconds(forward.TimeoutSeconds);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(TimeoutKey, timeout);
        request.SetResilienceContext(context);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await ReadBoundedAsync(response, timeout, cancellationToken);
            return new SendResult(SendOutcome.Answered, (int)response.StatusCode, null, Stopwatch.GetElapsedTime(started), url)
            {
                RetryAfter = response.Headers.RetryAfter,
            };
        }
        catch (TimeoutRejectedException)
        {
            return new SendResult(SendOutcome.TimedOut, null, $"no answer within {forward.TimeoutSeconds} s", Stopwatch.GetElapsedTime(started), url);
        }
        catch (HttpRequestException ex) when (Refusal(ex) is { } refused)
        {
            return new SendResult(SendOutcome.Refused, null, refused.Message, Stopwatch.GetElapsedTime(started), url);
        }
        catch (HttpRequestException ex)
        {
            return new SendResult(SendOutcome.Unreachable, null, Describe(ex), Stopwatch.GetElapsedTime(started), url);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendResult(SendOutcome.TimedOut, null, $"no answer within {forward.TimeoutSeconds} s", Stopwatch.GetElapsedTime(started), url);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// A URL's <c>user:password@</c> as Basic credentials, as curl and browsers send it: the HTTP client ignores the
    /// user-info, and a partner that hands out such a URL would answer every delivery 401. Macros cannot fill the
    /// authority, so these are the operator's own; no redirect is followed, so they go to that host only.
    /// </summary>
    private static System.Net.Http.Headers.AuthenticationHeaderValue? BasicCredentials(Uri uri)
    {
        if (uri.UserInfo is not { Length: > 0 } userInfo)
        {
            return null;
        }

        var colon = userInfo.IndexOf(':');
        var user = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
        var password = colon < 0 ? "" : Uri.UnescapeDataString(userInfo[(colon + 1)..]);
        return new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
    }

    /// <summary>Nothing sent: a forward saved before templates were bounded, filled with this job's values, is too long.</summary>
    private static SendResult TooLong(string part, Forward forward) => new(SendOutcome.Invalid, null,
        $"the {part} filled in is longer than {ForwardRejections.MaxRenderedLength:N0} characters (a template saved before templates were bounded, or a value stored before values were): nothing was sent",
        TimeSpan.Zero, forward.Url);

    private (ForwardTemplate? Parsed, string? Unknown) Parse(string text) => templates.GetOrAdd(text, static t =>
        ForwardTemplate.TryParse(t, out var parsed, out var unknown) ? (parsed, null) : (null, unknown));

    private string? UnknownMacro(Forward forward) =>
        Parse(forward.Url).Unknown ?? (forward.Method == "POST" ? Parse(forward.Body ?? "").Unknown : null);

    private ForwardTemplate Template(string text) =>
        Parse(text).Parsed ?? throw new InvalidOperationException("Unreachable: a template with an unknown macro is not rendered.");

    /// <summary>Reads (and drops) at most 64 KiB of the answer, within the forward's time: a destination cannot hold the deliverer.</summary>
    private static async Task ReadBoundedAsync(HttpResponseMessage response, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(timeout);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(budget.Token);
            var buffer = new byte[8192];
            var total = 0;
            int read;
            while (total < MaxResponseBytes && (read = await body.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, MaxResponseBytes - total)), budget.Token)) > 0)
            {
                total += read;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            // The status line and headers arrived: that is the answer. A body cut short changes nothing.
        }
    }

    private static DestinationRefusedException? Refusal(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is DestinationRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    /// <summary>What failed, without the URL (it may hold secrets): the error kind and socket error if any.</summary>
    private static string Describe(HttpRequestException ex) =>
        ex.InnerException is System.Net.Sockets.SocketException socket
            ? $"connection failed: {socket.SocketErrorCode}"
            : $"connection failed: {ex.HttpRequestError}";
}

public enum SendOutcome
{
    /// <summary>The destination answered with a status code.</summary>
    Answered,

    TimedOut,

    /// <summary>No connection: DNS, refused, reset.</summary>
    Unreachable,

    /// <summary>The destination is a loopback, private or metadata address (SSRF guard).</summary>
    Refused,

    /// <summary>The forward's template made a URL that cannot be sent: nothing was sent, retrying cannot help.</summary>
    Invalid,
}

public sealed record SendResult(SendOutcome Outcome, int? StatusCode, string? Error, TimeSpan Duration, string Url)
{
    /// <summary>The answer's <c>Retry-After</c>, as sent (seconds or a date), if it had a valid one.</summary>
    public System.Net.Http.Headers.RetryConditionHeaderValue? RetryAfter { get; init; }
}
