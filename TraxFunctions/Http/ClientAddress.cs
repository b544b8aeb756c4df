using System.Net;
using System.Net.Sockets;

namespace Trax.Http;

/// <summary>
/// The caller's address: a network's server for postbacks (checked against allowlists), a visitor for clicks (only
/// ever stored through <c>IpPrivacy</c>). By default it is the connection's address as the worker sees it: on Azure
/// the Functions host proxies each request to the worker and sets <c>X-Forwarded-For</c> to the address it accepted
/// the connection from (whatever the caller sent in that header is replaced), and the worker's ASP.NET Core
/// integration applies that header to <c>Connection.RemoteIpAddress</c> because the host is a loopback proxy. So a
/// caller cannot choose it. Behind another proxy (Azure Front Door) that address is the proxy's: name the header that
/// proxy writes in <see cref="TraxOptions.ClientAddressHeader"/> (<c>X-Azure-ClientIP</c>) — docs/security.md.
/// </summary>
public sealed class ClientAddress(IOptions<TraxOptions> options)
{
    private readonly string? header = options.Value.ClientAddressHeader is { Length: > 0 } name ? name : null;

    /// <summary>The trusted address, or null when the configured header is missing or not an address (fail closed).</summary>
    public IPAddress? Of(HttpRequest request)
    {
        if (header is not null)
        {
            return TryParse(request.Headers[header].ToString(), out var fromHeader) ? fromHeader : null;
        }

        return request.HttpContext.Connection.RemoteIpAddress is { } remote ? Normalize(remote) : null;
    }

    /// <summary>Reads <c>203.0.113.7</c>, <c>203.0.113.7:5000</c>, <c>2001:db8::1</c> or <c>[2001:db8::1]:443</c>.</summary>
    public static bool TryParse(string? text, out IPAddress address)
    {
        text = text?.Trim() ?? "";

        // IPAddress also reads legacy shorthands ("203.0.113" is 203.0.0.113): insist on four IPv4 parts.
        if (IPEndPoint.TryParse(text, out var endpoint)
            && (endpoint.Address.AddressFamily != AddressFamily.InterNetwork || IsDottedQuad(text)))
        {
            address = Normalize(endpoint.Address);
            return true;
        }

        address = IPAddress.None;
        return false;
    }

    /// <summary>
    /// Four decimal parts of at most three digits, none with a leading zero, with an optional port: what IPv4 is
    /// written as. .NET reads a part with a leading zero as octal (<c>203.0.113.010</c> is 203.0.113.8), so such a
    /// text is no address rather than the wrong one.
    /// </summary>
    internal static bool IsDottedQuad(string text)
    {
        var colon = text.IndexOf(':');
        var host = colon < 0 ? text : text[..colon];
        var parts = host.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit) && (p.Length == 1 || p[0] != '0'));
    }

    /// <summary>IPv4 written as IPv6 (<c>::ffff:203.0.113.7</c>) becomes IPv4; an IPv6 zone is dropped.</summary>
    private static IPAddress Normalize(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : new IPAddress(address.GetAddressBytes());
}
