using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace Trax.Http;

/// <summary>
/// The caller's address: a network's server for postbacks (checked against allowlists), a visitor for clicks (only
/// ever stored through <c>IpPrivacy</c>). On Azure the Functions front end appends the address it accepted the
/// connection from to <c>X-Forwarded-For</c>; that last entry is the one Trax trusts. Earlier entries were written
/// by the caller and can be forged, so they are never used. Without the header (local runs) it is the connection's
/// own address.
/// </summary>
public static class ClientAddress
{
    /// <summary>The trusted address, or null when the header's last entry is not an address (fail closed).</summary>
    public static IPAddress? From(HttpRequest request)
    {
        var forwarded = request.Headers["X-Forwarded-For"].ToString();
        if (forwarded.Length > 0)
        {
            return TryParse(forwarded[(forwarded.LastIndexOf(',') + 1)..], out var address) ? address : null;
        }

        return request.HttpContext.Connection.RemoteIpAddress is { } remote ? Normalize(remote) : null;
    }

    /// <summary>Reads <c>203.0.113.7</c>, <c>203.0.113.7:5000</c>, <c>2001:db8::1</c> or <c>[2001:db8::1]:443</c>.</summary>
    public static bool TryParse(string? text, out IPAddress address)
    {
        text = text?.Trim() ?? "";

        // IPAddress also reads legacy shorthands ("203.0.113" is 203.0.0.113): insist on four IPv4 parts.
        if (IPEndPoint.TryParse(text, out var endpoint)
            && (endpoint.Address.AddressFamily != AddressFamily.InterNetwork || text.Count(c => c == '.') == 3))
        {
            address = Normalize(endpoint.Address);
            return true;
        }

        address = IPAddress.None;
        return false;
    }

    /// <summary>IPv4 written as IPv6 (<c>::ffff:203.0.113.7</c>) becomes IPv4; an IPv6 zone is dropped.</summary>
    private static IPAddress Normalize(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : new IPAddress(address.GetAddressBytes());
}
