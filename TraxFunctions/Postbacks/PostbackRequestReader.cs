using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Trax.Core;
using Trax.Http;
using Trax.Input;

namespace Trax.Postbacks;

/// <summary>
/// Reads a callback's parameters from the query string and, for a form POST, from the body (URL-encoded or
/// multipart), within the limits; mints its id. An unreadable body is refused as <c>invalid-body</c>, never thrown.
/// </summary>
public sealed class PostbackRequestReader(ClientAddress clientAddress, TimeProvider time)
{
    public const string TokenParameter = SecretParameters.Token;
    public const string TokenHeader = "X-Trax-Token";

    public async Task<PostbackRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var receivedAt = time.GetUtcNow();
        var query = request.QueryString.HasValue ? request.QueryString.Value![1..] : null;
        var read = new PostbackRequest
        {
            Id = PostbackIds.New(receivedAt),
            ReceivedAt = receivedAt,
            Method = request.Method,
            Parameters = new PostbackParameters(request.Query),
            Query = RedactToken(query),
            ClientAddress = clientAddress.Of(request),
            ForwardedFor = ForwardedFor(request),
            UserAgent = UserAgent.Normalize(request.Headers.UserAgent.ToString()),
        };

        if (query is { Length: > PostbackLimits.MaxQueryLength })
        {
            return read with { Rejection = PostbackRejections.QueryTooLong };
        }

        if (HttpMethods.IsPost(request.Method) && request.HasFormContentType)
        {
            var (form, body, rejection) = await ReadFormAsync(request, cancellationToken);
            read = rejection is not null
                ? read with { Rejection = rejection }
                : read with { Parameters = new PostbackParameters(request.Query, form), Body = RedactToken(body) };
        }

        return read with { Tokens = [.. Offered(request.Headers[TokenHeader]), .. Offered(read.Parameters[TokenParameter])] };
    }

    /// <summary>
    /// The one token a source (the header, or the parameters) offers: its first non-blank value. Were every value
    /// tried, one request of ~400 <c>token=</c> parameters would be ~400 guesses.
    /// </summary>
    private static IEnumerable<string> Offered(StringValues values) =>
        InputValues.FirstNonBlank(values, out _) is { } token ? [token] : [];

    /// <summary>
    /// Who sent a request that is not a postback URL but stands for postbacks (an upload): method, caller address,
    /// forwarded-for and user agent read exactly as for a postback, so a stored row says the same of both.
    /// </summary>
    public PostbackSource SourceOf(HttpRequest request, string method) => new(
        method, Query: null, ClientIp: clientAddress.Of(request)?.ToString(),
        ForwardedFor: ForwardedFor(request), UserAgent: UserAgent.Normalize(request.Headers.UserAgent.ToString()));

    private static string? ForwardedFor(HttpRequest request) =>
        InputValues.Printable(request.Headers["X-Forwarded-For"].ToString(), OptionalField.MaxLength);

    private static async Task<(Dictionary<string, StringValues>? Form, string? Body, Rejection? Rejection)> ReadFormAsync(
        HttpRequest request, CancellationToken cancellationToken)
    {
        // The limit holds for a chunked body too (no Content-Length): read it bounded before parsing.
        var bytes = await RequestBody.ReadAsync(request, PostbackLimits.MaxBodyBytes, cancellationToken);
        if (bytes is null)
        {
            return (null, null, PostbackRejections.BodyTooLarge);
        }

        if (IsUrlEncoded(request.ContentType))
        {
            var body = Encoding.UTF8.GetString(bytes);
            return (QueryHelpers.ParseQuery(body), body, null);
        }

        // multipart/form-data: fields only (files are not part of a postback), kept as their text.
        request.Body = new MemoryStream(bytes, writable: false);
        try
        {
            var fields = await request.ReadFormAsync(cancellationToken);
            var form = fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.OrdinalIgnoreCase);
            return (form, FormText.Write(fields), null);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException or ArgumentException or FormatException)
        {
            // Truncated, malformed, or a part in a charset .NET refuses (utf-7): the network must fix its request.
            return (null, null, PostbackRejections.InvalidBody);
        }
    }

    private static bool IsUrlEncoded(string? contentType) =>
        contentType is not null && contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    /// <summary>A network's token is a secret: the raw record keeps the parameter but not its value.</summary>
    public static string? RedactToken(string? raw) => SecretParameters.Redact(raw, SecretParameters.IsToken);
}
