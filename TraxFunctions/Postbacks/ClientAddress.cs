using System.Net;
using Microsoft.AspNetCore.Http;

namespace Trax.Postbacks;

/// <summary>
/// The caller's address. On Azure the Functions front end appends the address it received the connection from to
/// <c>X-Forwarded-For</c>: that last entry is the one Trax trusts. Entries before it were sent by the caller and can
/// be forged, so they are never used. Without the header (local runs) it is the connection's own address.
/// </summary>
public static class ClientAddress
{
    public static IPAddress? Of(HttpRequest request)
    {
        var forwarded = request.Headers["X-Forwarded-For"].ToString();
        if (forwarded.Length > 0)
        {
            var last = forwarded[(forwarded.LastIndexOf(',') + 1)..].Trim();
            return Parse(last);
        }

        return Normalise(request.HttpContext.Connection.RemoteIpAddress);
    }

    /// <summary>An address, with or without a port (<c>203.0.113.7:51234</c>, <c>[2001:db8::1]:443</c>).</summary>
    public static IPAddress? Parse(string value)
    {
        if (IPAddress.TryParse(value, out var address))
        {
            return Normalise(address);
        }

        return IPEndPoint.TryParse(value, out var endpoint) ? Normalise(endpoint.Address) : null;
    }

    private static IPAddress? Normalise(IPAddress? address) =>
        address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
