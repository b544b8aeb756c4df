using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Trax.OperatorConsole;

/// <summary>
/// An answer of the console: a file, or a 404. Every one carries the console's security headers; a text file goes
/// gzipped to a browser that takes gzip (the Functions host does not compress).
/// </summary>
public sealed class ConsoleAnswer(ConsoleFile? file) : IActionResult
{
    /// <summary>
    /// Scripts, styles, images and fonts from the app itself only, and no inline script or style: a value that came from
    /// a postback can never run, even if it reached the page as markup. API calls go to the app only; no page may frame
    /// the console; forms post only to the app.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public ConsoleFile? File => file;

    public int StatusCode => file is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var request = context.HttpContext.Request;
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCode;
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";

        byte[] body;
        if (file is null)
        {
            headers.CacheControl = "no-store";
            response.ContentType = "text/plain; charset=utf-8";
            body = "Not found: no such file in the Trax console."u8.ToArray();
        }
        else
        {
            headers.CacheControl = file.CacheControl;
            response.ContentType = file.ContentType;
            body = file.Content;
            if (file.Gzipped is not null)
            {
                headers.Vary = HeaderNames.AcceptEncoding;
                if (AcceptsGzip(request))
                {
                    headers.ContentEncoding = "gzip";
                    body = file.Gzipped;
                }
            }
        }

        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(request.Method))
        {
            await response.Body.WriteAsync(body, context.HttpContext.RequestAborted);
        }
    }

    /// <summary>True when Accept-Encoding names gzip (or *) with a quality above zero.</summary>
    internal static bool AcceptsGzip(HttpRequest request)
    {
        foreach (var value in request.GetTypedHeaders().AcceptEncoding)
        {
            var name = value.Value.Value;
            if ((string.Equals(name, "gzip", StringComparison.OrdinalIgnoreCase) || name == "*") && (value.Quality ?? 1) > 0)
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{StatusCode} {file?.Path}");
}
