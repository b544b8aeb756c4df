using System.Globalization;
using System.Text;
using System.Text.Json;
using Trax.Core;
using Trax.Http;
using Trax.Input;
using Trax.Postbacks;

namespace Trax.PostbackCheck;

/// <summary>
/// <c>POST /api/postbacks/check</c>: the pasted URL is made into the request a network would send and given to
/// intake's own reader and <see cref="PostbackIngest.Judge"/> (validator, status map, <see cref="NetworkGuard"/>,
/// size limits). Nothing is queued, logged in the postback log or counted. The answer is 200 whatever the verdict;
/// 400 only when the body is not a postback URL.
/// </summary>
public sealed class PostbackChecker(
    PostbackRequestReader reader,
    PostbackIngest ingest,
    StatusMap statuses,
    IOptions<PostbackSecurityOptions> security,
    ILogger<PostbackChecker> logger)
{
    private const string RoutePrefix = "/wp-json/trax/v1/";

    private readonly Dictionary<string, NetworkProtection> networks =
        new(security.Value.Networks, StringComparer.OrdinalIgnoreCase);

    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (check, rejection) = await ReadAsync(request, cancellationToken);
        if (rejection is not null)
        {
            Log.Rejected(logger, rejection.Reason);
            return Answers.Rejected(rejection);
        }

        var postback = await reader.ReadAsync(check!.Request, cancellationToken);
        var (message, refusal) = ingest.Judge(check.Type, postback, checkAddress: false);
        Log.Checked(logger, check.Type.ToName(), refusal is null ? "would-accept" : "would-reject", refusal?.Reason);
        return Answers.Json(writer => Write(writer, check.Type, postback, message, refusal));
    }

    private void Write(Utf8JsonWriter writer, ConversionType type, PostbackRequest request, PostbackMessage? message, Rejection? refusal)
    {
        writer.WriteStartObject();
        writer.WriteString("status", refusal is null ? "would-accept" : "would-reject");
        writer.WriteNumber("httpStatus", refusal?.StatusCode ?? StatusCodes.Status200OK);
        writer.WriteString("type", type.ToName());
        if (refusal is not null)
        {
            writer.WriteString("reason", refusal.Reason);
            writer.WriteString("message", refusal.Message);
            if (FieldOf(refusal.Reason) is { } field)
            {
                writer.WriteString("field", field);
            }
        }

        if (message is not null)
        {
            writer.WriteStartObject("postback");
            writer.WriteString("clickid", message.ClickId);
            WriteIfSet(writer, "network", message.Network);
            WriteIfSet(writer, "program", message.Program);
            WriteIfSet(writer, "txid", message.TxId);
            WriteIfSet(writer, "payout", message.Payout?.ToString(CultureInfo.InvariantCulture));
            WriteIfSet(writer, "currency", message.Currency);
            WriteIfSet(writer, "status", message.Status);
            WriteIfSet(writer, "statusMapped", statuses.Map(message.Status, message.Network)?.ToName());
            writer.WriteEndObject();
            writer.WriteStartArray("warnings");
            foreach (var warning in message.Warnings ?? [])
            {
                writer.WriteStringValue(warning);
            }

            writer.WriteEndArray();
        }

        // The guard judged the network only once the postback itself was valid.
        if (message is not null || refusal == PostbackRejections.InvalidToken || refusal == PostbackRejections.UnknownNetwork)
        {
            var network = message is not null ? message.Network : InputValues.Shown(request.Parameters["network"])?.Trim();
            var protection = network is null ? null : networks.GetValueOrDefault(network);
            writer.WriteStartObject("protection");
            writer.WriteString("network", network);
            writer.WriteString("token", string.IsNullOrEmpty(protection?.Token) ? "not-required"
                : refusal != PostbackRejections.InvalidToken ? "ok"
                : request.Tokens.Count == 0 ? "missing" : "wrong");

            // The check comes from an operator, not from the network's servers: its address proves nothing.
            writer.WriteString("ip", string.IsNullOrWhiteSpace(protection?.AllowedIps) ? "not-required" : "not-checked");
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>The parameter a refusal is about, for the console to point at.</summary>
    private static string? FieldOf(string reason) => reason switch
    {
        "missing-clickid" or "ambiguous-clickid" or "invalid-clickid" or "unreplaced-macro" => "clickid",
        "invalid-payout" => "payout",
        "invalid-currency" => "currency",
        "invalid-token" => "token",
        "unknown-network" or "ip-not-allowed" => "network",
        "query-too-long" => "url",
        "body-too-large" or "invalid-body" => "body",
        _ => null,
    };

    /// <summary>The check's body as the request a network would send, or why it is not one.</summary>
    private static async Task<(CheckedRequest? Check, Rejection? Rejection)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var bytes = await RequestBody.ReadAsync(request, CheckRejections.MaxBodyBytes, cancellationToken);
        if (bytes is null)
        {
            return (null, CheckRejections.BodyTooLarge);
        }

        string? url, method, body;
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 4 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, CheckRejections.InvalidBody);
            }

            url = Text(document.RootElement, "url");
            method = Text(document.RootElement, "method");
            body = Text(document.RootElement, "body");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not JSON, or a member that is not a string.
            return (null, CheckRejections.InvalidBody);
        }

        method = method?.Trim().ToUpperInvariant() ?? HttpMethods.Get;
        if (method is not ("GET" or "POST"))
        {
            return (null, CheckRejections.InvalidMethod);
        }

        url = url?.Trim();
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || !uri.AbsolutePath.StartsWith(RoutePrefix, StringComparison.OrdinalIgnoreCase)
            || !ConversionTypeNames.TryParse(uri.AbsolutePath[RoutePrefix.Length..].TrimEnd('/'), out var type))
        {
            return (null, CheckRejections.InvalidUrl);
        }

        // The query exactly as pasted (Uri would re-escape it), as the network's server would send it.
        var queryStart = url.IndexOf('?', StringComparison.Ordinal);
        var fragment = url.IndexOf('#', StringComparison.Ordinal);
        var query = queryStart < 0 ? "" : fragment > queryStart ? url[queryStart..fragment] : url[queryStart..];

        var context = new DefaultHttpContext();
        var made = context.Request;
        made.Method = method;
        made.Scheme = uri.Scheme;
        made.Host = new HostString(uri.Authority);
        made.Path = uri.AbsolutePath;
        made.QueryString = new QueryString(query is "?" ? "" : query);
        if (method == "POST" && body is not null)
        {
            var form = Encoding.UTF8.GetBytes(body);
            made.ContentType = "application/x-www-form-urlencoded";
            made.ContentLength = form.Length;
            made.Body = new MemoryStream(form, writable: false);
        }

        return (new CheckedRequest(type, made), null);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetString() : null;

    private sealed record CheckedRequest(ConversionType Type, HttpRequest Request);
}
