using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Trax.Clicks;

/// <summary>
/// A visitor's IP address is never stored as such. With <c>Trax:IpHashKey</c> set, a click keeps a keyed hash
/// (HMAC-SHA256, first 128 bits in hex): the same visitor gives the same value, so repeat clicks can be told
/// apart, but without the key nobody can test which address it was. Without a key, the click keeps the network
/// prefix only (IPv4 /24, IPv6 /48), enough for a country or provider and too coarse for a person.
/// </summary>
public sealed class IpPrivacy(IOptions<TraxOptions> options)
{
    private readonly byte[]? key = options.Value.IpHashKey is { Length: > 0 } secret ? Encoding.UTF8.GetBytes(secret) : null;

    public bool Hashes => key is not null;

    public ProtectedIp Protect(IPAddress address) =>
        key is not null ? new ProtectedIp(Hash(key, address), null) : new ProtectedIp(null, Truncate(address));

    public static string Hash(byte[] key, IPAddress address) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(address.ToString())).AsSpan(0, 16));

    /// <summary><c>203.0.113.0/24</c> or <c>2001:db8:85a3::/48</c>.</summary>
    public static string Truncate(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        var keep = address.AddressFamily == AddressFamily.InterNetwork ? 3 : 6;
        bytes.AsSpan(keep).Clear();
        return $"{new IPAddress(bytes)}/{keep * 8}";
    }
}

/// <summary>What a click stores of an address: exactly one of the two is set.</summary>
public readonly record struct ProtectedIp(string? Hash, string? Prefix);
