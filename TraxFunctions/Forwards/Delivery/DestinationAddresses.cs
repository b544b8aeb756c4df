using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Trax.Forwards;

/// <summary>
/// Which addresses a forward may connect to. A destination URL is written by an operator or an integration, so it
/// must not reach what only the app can reach (server-side request forgery): loopback, private networks, link-local
/// (the cloud metadata endpoint 169.254.169.254), Azure's platform endpoint 168.63.129.16, and ranges that are
/// reserved or for documentation. An IPv6 address that carries an IPv4 address is judged by the IPv4 address.
/// </summary>
public static class DestinationAddresses
{
    private readonly record struct Range4(uint Network, int Length)
    {
        public bool Contains(uint address) => Length == 0 || (address ^ Network) >> (32 - Length) == 0;
    }

    private readonly record struct Range6(UInt128 Network, int Length)
    {
        public bool Contains(UInt128 address) => Length == 0 || (address ^ Network) >> (128 - Length) == UInt128.Zero;
    }

    private static readonly Range4[] NonPublic4 =
    [
        V4(0, 0, 0, 0, 8),          // "this network"
        V4(10, 0, 0, 0, 8),         // private
        V4(100, 64, 0, 0, 10),      // carrier-grade NAT
        V4(127, 0, 0, 0, 8),        // loopback
        V4(169, 254, 0, 0, 16),     // link-local, the cloud metadata endpoint among them
        V4(172, 16, 0, 0, 12),      // private
        V4(192, 0, 0, 0, 24),       // IETF protocol assignments
        V4(192, 0, 2, 0, 24),       // documentation (TEST-NET-1)
        V4(192, 168, 0, 0, 16),     // private
        V4(198, 18, 0, 0, 15),      // benchmarking
        V4(198, 51, 100, 0, 24),    // documentation (TEST-NET-2)
        V4(203, 0, 113, 0, 24),     // documentation (TEST-NET-3)
        V4(224, 0, 0, 0, 4),        // multicast
        V4(240, 0, 0, 0, 4),        // reserved, 255.255.255.255 (broadcast) among them
        V4(168, 63, 129, 16, 32),   // Azure's platform endpoint (DNS, health, the VM agent)
    ];

    private static readonly Range6[] NonPublic6 =
    [
        V6("fc00::", 7),            // unique local, AWS's metadata fd00:ec2::254 among them
        V6("fe80::", 10),           // link-local
        V6("fec0::", 10),           // site-local: deprecated, but still an internal network where it is used
        V6("ff00::", 8),            // multicast
        V6("2001:db8::", 32),       // documentation
        V6("100::", 64),            // discard-only
        V6("64:ff9b:1::", 48),      // local-use NAT64: translates to whatever the local network decides
    ];

    // Prefixes after which the last 32 bits are an IPv4 address: IPv4-compatible (::a.b.c.d, :: and ::1 among
    // them, which judged as 0.0.0.0 and 0.0.0.1 are refused too), IPv4-mapped, IPv4-translated (SIIT), NAT64.
    private static readonly Range6[] EmbedsLast32 =
    [
        V6("::", 96),
        V6("::ffff:0:0", 96),
        V6("::ffff:0:0:0", 96),
        V6("64:ff9b::", 96),
    ];

    private static readonly Range6 SixToFour = V6("2002::", 16);

    private static readonly Range6 Teredo = V6("2001::", 32);

    /// <summary>Whether a forward may connect to <paramref name="address"/>.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublic4(BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes())),
            AddressFamily.InterNetworkV6 => IsPublic6(BinaryPrimitives.ReadUInt128BigEndian(address.GetAddressBytes())),
            _ => false,
        };
    }

    private static bool IsPublic4(uint address) => !NonPublic4.Any(range => range.Contains(address));

    private static bool IsPublic6(UInt128 address)
    {
        if (EmbedsLast32.Any(range => range.Contains(address)))
        {
            return IsPublic4((uint)address);
        }

        if (SixToFour.Contains(address))
        {
            return IsPublic4((uint)(address >> 80)); // 2002:AABB:CCDD::/48, the site's IPv4 address in bits 16-47
        }

        if (Teredo.Contains(address))
        {
            // 2001:0:server:flags:port:client, the client's (its NAT's public) address in the last 32 bits,
            // inverted. The relay delivers to the client, so the client is the one judged.
            return IsPublic4(~(uint)address);
        }

        return !NonPublic6.Any(range => range.Contains(address));
    }

    private static Range4 V4(byte a, byte b, byte c, byte d, int length) =>
        new((uint)a << 24 | (uint)b << 16 | (uint)c << 8 | d, length);

    private static Range6 V6(string network, int length) =>
        new(BinaryPrimitives.ReadUInt128BigEndian(IPAddress.Parse(network).GetAddressBytes()), length);
}
