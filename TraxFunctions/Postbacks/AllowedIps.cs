using System.Net;
using System.Net.Sockets;
using Trax.Http;

namespace Trax.Postbacks;

/// <summary>
/// A network's allowlist: comma-separated addresses or CIDR ranges, written in full — IPv4 as four decimal parts
/// (<c>203.0.113.7</c>, <c>203.0.113.0/24</c>), IPv6 as IPv6 (<c>2001:db8::/32</c>). Shorthands such as
/// <c>203.0.113</c> (which .NET reads as 203.0.0.113) and out-of-range prefixes are refused, never guessed at.
/// IPv4 written as IPv6 (<c>::ffff:203.0.113.7</c>) is read as IPv4, like the caller's address.
/// </summary>
public static class AllowedIps
{
    /// <summary>The ranges, or null with <paramref name="problem"/> naming the first entry that is not one.</summary>
    public static IPNetwork[]? Parse(string list, out string? problem)
    {
        var ranges = new List<IPNetwork>();
        foreach (var entry in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (ParseEntry(entry) is not { } range)
            {
                problem = entry;
                return null;
            }

            ranges.Add(range);
        }

        problem = null;
        return [.. ranges];
    }

    private static IPNetwork? ParseEntry(string entry)
    {
        var slash = entry.IndexOf('/');
        var host = slash < 0 ? entry : entry[..slash];
        if (host.Contains(':'))
        {
            if (!IPAddress.TryParse(host, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return null;
            }
        }
        else if (!ClientAddress.IsDottedQuad(host) || !IPAddress.TryParse(host, out _))
        {
            return null;
        }

        var address = IPAddress.Parse(host);
        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (slash < 0)
        {
            return AsCallerIsRead(new IPNetwork(address, max));
        }

        var prefix = entry[(slash + 1)..];
        if (prefix.Length is 0 or > 3 || !prefix.All(char.IsAsciiDigit) || int.Parse(prefix, System.Globalization.CultureInfo.InvariantCulture) > max)
        {
            return null;
        }

        // A range written with bits set past its prefix (203.0.113.7/24) is a typo for an address or a range: refused.
        return IPNetwork.TryParse(entry, out var range) && range.BaseAddress.Equals(address) ? AsCallerIsRead(range) : null;
    }

    /// <summary>
    /// IPv4 written as IPv6 (<c>::ffff:203.0.113.7</c>, <c>::ffff:203.0.113.0/120</c>) becomes the IPv4 address or
    /// range, as <see cref="ClientAddress"/> reads the caller: else the entry would never match anyone.
    /// </summary>
    private static IPNetwork? AsCallerIsRead(IPNetwork range) =>
        !range.BaseAddress.IsIPv4MappedToIPv6 ? range
        : range.PrefixLength >= 96 ? new IPNetwork(range.BaseAddress.MapToIPv4(), range.PrefixLength - 96)
        : null;
}
