using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Trax.Testing;

/// <summary>Builds the <see cref="HttpRequest"/> a function receives, and reads the answer written to its response.</summary>
public static class HttpRequests
{
    public static HttpRequest Get(string pathAndQuery) => Create("GET", pathAndQuery);

    public static HttpRequest PostForm(string path, string formBody) =>
        Create("POST", path, formBody, "application/x-www-form-urlencoded");

    /// <summary>A JSON body, as an API client sends it.</summary>
    public static HttpRequest Json(string method, string path, string json) =>
        Create(method, path, json, "application/json");

    /// <summary>A person's browser following a link from a page.</summary>
    public static HttpRequest Visit(string pathAndQuery, string? referer = null, string method = "GET",
        string userAgent = BrowserUserAgent)
    {
        var request = Create(method, pathAndQuery);
        request.Headers.UserAgent = userAgent;
        if (referer is not null)
        {
            request.Headers.Referer = referer;
        }

        return request;
    }

    public const string BrowserUserAgent =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    public static HttpRequest Create(string method, string pathAndQuery, string? body = null, string? contentType = null)
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = method;
        request.Scheme = "https";
        request.Host = new HostString("trax.example");
        var q = pathAndQuery.IndexOf('?');
        request.Path = q < 0 ? pathAndQuery : pathAndQuery[..q];
        request.QueryString = q < 0 ? QueryString.Empty : new QueryString(pathAndQuery[q..]);
        request.Headers.UserAgent = "AffiliateWeb-Postback/1.0";
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("203.0.113.7");
        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            request.ContentType = contentType;
            request.ContentLength = bytes.Length;
            request.Body = new MemoryStream(bytes);
        }

        context.Response.Body = new MemoryStream();
        return request;
    }

    /// <summary>Reads what was written to the request's response: status, headers and (JSON) body.</summary>
    public static Answer ReadAnswer(HttpRequest request)
    {
        var context = request.HttpContext;
        var body = ((MemoryStream)context.Response.Body).ToArray();
        var isJson = context.Response.ContentType?.StartsWith("application/json", StringComparison.Ordinal) ?? true;
        using var json = body.Length > 0 && isJson ? JsonDocument.Parse(body) : null;
        return new Answer(context.Response.StatusCode, context.Response.Headers, json?.RootElement.Clone())
        {
            Text = Encoding.UTF8.GetString(body),
        };
    }
}

public sealed record Answer(int StatusCode, IHeaderDictionary Headers, JsonElement? Body)
{
    /// <summary>The body as sent (a CSV report is not JSON).</summary>
    public string Text { get; init; } = "";

    public string Location => Headers.Location.ToString();

    /// <summary>The <c>{clickid}</c> value a redirect put into its Location (the <c>sub1</c> query value in tests).</summary>
    public string? QueryValue(string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(Location).Query).TryGetValue(name, out var v) ? v.ToString() : null;

    public string? Field(string name) =>
        Body is { } body && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
