using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Trax.Http;

namespace Trax.Postbacks;

/// <summary>Reads a callback's parameters from the query string and, for a form POST, from the body.</summary>
public static class PostbackRequestReader
{
    public static async Task<PostbackRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var query = request.QueryString.HasValue ? request.QueryString.Value![1..] : null;
        if (query is { Length: > PostbackLimits.MaxQueryLength })
        {
            return PostbackRequest.Refused(Rejection.QueryTooLong);
        }

        string? body = null;
        Dictionary<string, StringValues>? form = null;
        if (HttpMethods.IsPost(request.Method) && request.HasFormContentType)
        {
            if (request.ContentLength > PostbackLimits.MaxBodyBytes)
            {
                return PostbackRequest.Refused(Rejection.BodyTooLarge);
            }

            // The limit holds for a chunked body too (no Content-Length): read it bounded before parsing.
            var bytes = await RequestBody.ReadAsync(request, PostbackLimits.MaxBodyBytes, cancellationToken);
            if (bytes is null)
            {
                return PostbackRequest.Refused(Rejection.BodyTooLarge);
            }

            if (IsUrlEncoded(request.ContentType))
            {
                body = Encoding.UTF8.GetString(bytes);
                form = QueryHelpers.ParseQuery(body);
            }
            else
            {
                // multipart/form-data: fields only; files are not part of a postback.
                request.Body = new MemoryStream(bytes, writable: false);
                IFormCollection fields;
                try
                {
                    fields = await request.ReadFormAsync(cancellationToken);
                }
                catch (InvalidDataException)
                {
                    return PostbackRequest.Refused(Rejection.InvalidBody);
                }

                form = fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.OrdinalIgnoreCase);
                body = QueryString.Create(fields).ToUriComponent().TrimStart('?');
            }
        }

        var address = ClientAddress.From(request);
        var source = new PostbackSource(
            request.Method,
            RedactToken(query),
            RedactToken(body),
            address?.ToString(),
            Truncate(request.Headers["X-Forwarded-For"].ToString(), PostbackLimits.MaxFieldLength),
            Truncate(request.Headers.UserAgent.ToString(), PostbackLimits.MaxUserAgentLength));
        return new PostbackRequest(new PostbackParameters(request.Query, form), source, null) { ClientAddress = address };
    }

    private static bool IsUrlEncoded(string? contentType) =>
        contentType is not null && contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    /// <summary>A network's token is a secret: the raw record keeps the parameter but not its value.</summary>
    public static string? RedactToken(string? raw)
    {
        // A name may be percent-encoded (tok%65n): only a query with neither the name nor any escape is skipped.
        if (raw is null || (raw.IndexOf('%') < 0 && raw.IndexOf(NetworkGuard.TokenParameter, StringComparison.OrdinalIgnoreCase) < 0))
        {
            return raw;
        }

        var pairs = raw.Split('&');
        for (var i = 0; i < pairs.Length; i++)
        {
            var equals = pairs[i].IndexOf('=');
            var name = Uri.UnescapeDataString((equals < 0 ? pairs[i] : pairs[i][..equals]).Replace('+', ' ')).Trim();
            if (string.Equals(name, NetworkGuard.TokenParameter, StringComparison.OrdinalIgnoreCase))
            {
                pairs[i] = (equals < 0 ? pairs[i] : pairs[i][..equals]) + "=redacted";
            }
        }

        return string.Join('&', pairs);
    }

    private static string? Truncate(string value, int max) =>
        value.Length == 0 ? null : value.Length <= max ? value : value[..max];
}

/// <summary>A read callback: its parameters and source, or why it was refused before validation.</summary>
public sealed record PostbackRequest(PostbackParameters Parameters, PostbackSource? Source, Rejection? Rejection)
{
    /// <summary>The trusted caller address (<see cref="Http.ClientAddress"/>), read once for the record and the allowlist.</summary>
    public System.Net.IPAddress? ClientAddress { get; init; }

    public static PostbackRequest Refused(Rejection rejection) => new(default, null, rejection);
}
