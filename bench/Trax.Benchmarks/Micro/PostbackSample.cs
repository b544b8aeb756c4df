using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Trax.Core;
using Trax.Input;
using Trax.Postbacks;

namespace Trax.Benchmarks.Micro;

/// <summary>
/// The two postbacks every benchmark uses: the seed's example, and a worst case that Trax still accepts (every field
/// at its length limit, escaped characters in the click id, unknown parameters up to the 4 KiB query limit).
/// </summary>
public sealed class PostbackSample
{
    public const string Seed = "seed";
    public const string WorstCase = "worst";

    private PostbackSample(string name, ConversionType type, string query)
    {
        Name = name;
        Type = type;
        Query = query;
        Path = "/wp-json/trax/v1/" + type.ToName();
    }

    public string Name { get; }

    public ConversionType Type { get; }

    public string Path { get; }

    /// <summary>The query string without '?', as a network sends it.</summary>
    public string Query { get; }

    public static PostbackSample Get(string name) => name switch
    {
        Seed => new(Seed, ConversionType.Ftd, "clickid=85512345&network=AffiliateWeb&program=SuperGame1"),
        WorstCase => new(WorstCase, ConversionType.Sale, WorstCaseQuery()),
        _ => throw new ArgumentException($"No sample '{name}'.", nameof(name)),
    };

    /// <summary>The same postback for another click id (the storage benchmarks need distinct keys).</summary>
    public string QueryFor(string clickId) =>
        "clickid=" + Uri.EscapeDataString(clickId) + Query[Query.IndexOf('&')..];

    /// <summary>
    /// The request as the Functions ASP.NET Core integration hands it over on Azure: a new context per request, the
    /// caller's address already applied to the connection (the worker consumed the host's X-Forwarded-For).
    /// </summary>
    public HttpRequest NewRequest(string? query = null)
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = HttpMethods.Get;
        request.Scheme = "https";
        request.Host = new HostString("trax.example");
        request.Path = Path;
        request.QueryString = new QueryString("?" + (query ?? Query));
        request.Headers.UserAgent = "AffiliateWeb-Postback/1.0";
        context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
        context.Response.Body = new MemoryStream();
        return request;
    }

    public PostbackSource Source => new("GET", Query, ClientIp: "203.0.113.7", UserAgent: "AffiliateWeb-Postback/1.0");

    /// <summary>Validates the sample; a benchmark of a refused postback would measure the wrong path.</summary>
    public Postback Validated()
    {
        var validation = PostbackValidator.Validate(Type, PostbackParameters.FromQueryString(Query));
        return validation.Postback is { Warnings.Count: 0 } postback
            ? postback
            : throw new InvalidOperationException(
                $"Sample '{Name}' is not accepted cleanly: {validation.Rejection?.Reason ?? string.Join(", ", validation.Postback!.Warnings)}");
    }

    private static string WorstCaseQuery()
    {
        // 128 printable characters, some of which must be escaped in the query and in the table key.
        var clickId = "wc/" + Filler(121, 'k') + "#x?/";
        var query = new StringBuilder()
            .Append("clickid=").Append(Uri.EscapeDataString(clickId))
            .Append("&network=").Append(Filler(OptionalField.MaxLength, 'n'))
            .Append("&program=").Append(Filler(OptionalField.MaxLength, 'p'))
            .Append("&txid=").Append(Filler(OptionalField.MaxLength, 't'))
            .Append("&status=").Append(Filler(OptionalField.MaxLength, 's'))
            .Append("&payout=1234567.89&currency=eur");

        // Unknown parameters (sub-ids, tracking noise) until the query is exactly at the limit.
        for (var i = 1; query.Length < PostbackLimits.MaxQueryLength; i++)
        {
            var room = PostbackLimits.MaxQueryLength - query.Length - $"&x{i}=".Length;
            if (room <= 0)
            {
                query.Append('&');
                break;
            }

            query.Append("&x").Append(i).Append('=').Append(Filler(Math.Min(room, 120), 'u'));
        }

        return query.ToString(0, PostbackLimits.MaxQueryLength);
    }

    private static string Filler(int length, char first)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = i == 0 ? first : alphabet[(i * 7 + first) % alphabet.Length];
        }

        return new string(chars);
    }
}
