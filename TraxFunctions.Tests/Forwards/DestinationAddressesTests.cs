using System.Net;
using Trax.Forwards;

namespace Trax.Tests.Forwards;

/// <summary>
/// Which addresses a forward may reach (SSRF): loopback, private, link-local (cloud metadata), CGNAT, "this network",
/// multicast, reserved and documentation ranges are refused, in IPv4 and IPv6, and an IPv6 address that carries an
/// IPv4 address is judged by it. Each range is checked at both its ends and just outside them.
/// </summary>
public sealed class DestinationAddressesTests
{
    [TestCase("127.0.0.1")]
    [TestCase("127.0.0.0")]
    [TestCase("127.1.2.3")]
    [TestCase("127.255.255.255")]
    [TestCase("10.0.0.0")]
    [TestCase("10.0.0.1")]
    [TestCase("10.255.255.255")]
    [TestCase("172.16.0.0")]
    [TestCase("172.16.0.1")]
    [TestCase("172.20.10.5")]
    [TestCase("172.31.255.255")]
    [TestCase("192.168.0.0")]
    [TestCase("192.168.1.1")]
    [TestCase("192.168.255.255")]
    [TestCase("169.254.0.0")]
    [TestCase("169.254.169.254")] // AWS, Azure, GCP instance metadata
    [TestCase("169.254.170.2")]   // ECS task metadata
    [TestCase("169.254.255.255")]
    [TestCase("0.0.0.0")]
    [TestCase("0.0.0.1")]
    [TestCase("0.255.255.255")]
    [TestCase("100.64.0.0")]
    [TestCase("100.64.0.1")]
    [TestCase("100.100.100.200")] // Alibaba Cloud metadata
    [TestCase("100.127.255.255")]
    [TestCase("168.63.129.16")]   // Azure platform endpoint
    [TestCase("192.0.0.1")]
    [TestCase("192.0.2.1")]
    [TestCase("198.18.0.1")]
    [TestCase("198.19.255.255")]
    [TestCase("198.51.100.7")]
    [TestCase("203.0.113.9")]
    [TestCase("224.0.0.1")]
    [TestCase("239.255.255.250")]
    [TestCase("240.0.0.1")]
    [TestCase("255.255.255.255")]
    public void IPv4_NotPublic_IsRefused(string address)
    {
        Assert.That(DestinationAddresses.IsPublic(IPAddress.Parse(address)), Is.False);
    }

    [TestCase("8.8.8.8")]
    [TestCase("1.1.1.1")]
    [TestCase("1.0.0.0")]
    [TestCase("9.255.255.255")]   // just below 10/8
    [TestCase("11.0.0.0")]        // just above 10/8
    [TestCase("126.255.255.255")] // just below 127/8
    [TestCase("128.0.0.0")]       // just above 127/8
    [TestCase("172.15.255.255")]  // just below 172.16/12
    [TestCase("172.32.0.0")]      // just above 172.16/12
    [TestCase("172.32.0.1")]
    [TestCase("192.167.255.255")] // just below 192.168/16
    [TestCase("192.169.0.0")]     // just above 192.168/16
    [TestCase("192.169.0.1")]
    [TestCase("169.253.255.255")] // just below 169.254/16
    [TestCase("169.255.0.0")]     // just above 169.254/16
    [TestCase("100.63.255.255")]  // just below 100.64/10
    [TestCase("100.128.0.0")]     // just above 100.64/10
    [TestCase("168.63.129.15")]   // beside the Azure platform endpoint
    [TestCase("168.63.129.17")]
    [TestCase("192.0.1.1")]
    [TestCase("192.0.3.0")]
    [TestCase("198.17.255.255")]
    [TestCase("198.20.0.0")]
    [TestCase("198.51.101.0")]
    [TestCase("203.0.112.255")]
    [TestCase("203.0.114.0")]
    [TestCase("223.255.255.255")] // just below multicast
    [TestCase("20.50.2.1")]       // an Azure public address
    [TestCase("52.95.110.1")]
    public void IPv4_Public_IsAllowed(string address)
    {
        Assert.That(DestinationAddresses.IsPublic(IPAddress.Parse(address)), Is.True);
    }

    [TestCase("::1")]
    [TestCase("::")]
    [TestCase("fe80::")]
    [TestCase("fe80::1")]
    [TestCase("fe80::1%2")]
    [TestCase("febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff")] // end of fe80::/10
    [TestCase("fec0::1")]
    [TestCase("fc00::")]
    [TestCase("fc00::1")]
    [TestCase("fd00::1")]
    [TestCase("fd00:ec2::254")] // AWS metadata over IPv6
    [TestCase("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")] // end of fc00::/7
    [TestCase("ff02::1")]
    [TestCase("ff05::1:3")]
    [TestCase("2001:db8::1")]
    [TestCase("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")]
    [TestCase("100::1")]
    [TestCase("64:ff9b:1::1")]
    public void IPv6_NotPublic_IsRefused(string address)
    {
        Assert.That(DestinationAddresses.IsPublic(IPAddress.Parse(address)), Is.False);
    }

    [TestCase("2001:4860:4860::8888")]
    [TestCase("2606:4700:4700::1111")]
    [TestCase("2a00:1450:4001:82b::200e")]
    [TestCase("fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")] // just below fc00::/7
    [TestCase("fe00::1")]                                 // between fc00::/7 and fe80::/10
    [TestCase("2001:db7:ffff:ffff:ffff:ffff:ffff:ffff")]  // just below 2001:db8::/32
    [TestCase("2001:db9::")]                              // just above it
    [TestCase("100:0:0:1::")]                             // just above 100::/64
    public void IPv6_Public_IsAllowed(string address)
    {
        Assert.That(DestinationAddresses.IsPublic(IPAddress.Parse(address)), Is.True);
    }

    [TestCase("::ffff:127.0.0.1")]
    [TestCase("::ffff:7f00:1")]
    [TestCase("::ffff:10.0.0.1")]
    [TestCase("::ffff:172.16.0.1")]
    [TestCase("::ffff:192.168.1.1")]
    [TestCase("::ffff:169.254.169.254")]
    [TestCase("::ffff:0.0.0.0")]
    [TestCase("::ffff:100.64.0.1")]
    [TestCase("::ffff:168.63.129.16")]
    [TestCase("::127.0.0.1")]            // IPv4-compatible
    [TestCase("::10.0.0.1")]
    [TestCase("::ffff:0:127.0.0.1")]     // IPv4-translated (SIIT)
    [TestCase("64:ff9b::127.0.0.1")]     // NAT64
    [TestCase("64:ff9b::a9fe:a9fe")]     // NAT64 of 169.254.169.254
    [TestCase("2002:7f00:1::")]          // 6to4 of 127.0.0.1
    [TestCase("2002:a00:1::1")]          // 6to4 of 10.0.0.1
    [TestCase("2002:c0a8:101:1::1")]     // 6to4 of 192.168.1.1
    [TestCase("2001:0:4136:e378:8000:63bf:3fff:fdd2")] // Teredo, client 192.0.2.45 (RFC 4380's example)
    [TestCase("2001::80ff:fffe")]        // Teredo, client 127.0.0.1 (inverted)
    [TestCase("2001::f5ff:fffe")]        // Teredo, client 10.0.0.1 (inverted)
    public void IPv6_CarryingANonPublicIPv4Address_IsRefused(string address)
    {
        Assert.That(DestinationAddresses.IsPublic(IPAddress.Parse(address)), Is.False);
    }

    [TestCase("::ffff:8.8.8.8")]
    [TestCase("::ffff:172.32.0.1")]
    [TestCase("::ffff:192.169.0.1")]
    [TestCase("::8.8.8.8")]
    [TestCase("::ffff:0:8.8.8.8")]
    [TestCase("64:ff9b::8.8.8.8")]
    [TestCase("2002:808:808::1")]        // 6to4 of 8.8.8.8
    [TestCase("2001::f7f7:f7f7")]        // Teredo, client 8.8.8.8 (inverted)
    public void IPv6_CarryingAPublicIPv4Address_IsAllowed(string address)
    {
        Assert.That(DestinationAddresses.IsPublic(IPAddress.Parse(address)), Is.True);
    }

    [Test]
    public void IPv6_MappedAndPlain_AreJudgedAlike()
    {
        foreach (var v4 in new[] { "127.0.0.1", "10.1.2.3", "169.254.169.254", "172.31.0.1", "8.8.8.8", "172.32.0.1", "192.169.0.1" })
        {
            var address = IPAddress.Parse(v4);

            Assert.That(DestinationAddresses.IsPublic(address.MapToIPv6()), Is.EqualTo(DestinationAddresses.IsPublic(address)), v4);
        }
    }

    [Test]
    public void KnownStaticAddresses_AreJudgedAsTheirRanges()
    {
        Assert.That(DestinationAddresses.IsPublic(IPAddress.Loopback), Is.False);
        Assert.That(DestinationAddresses.IsPublic(IPAddress.IPv6Loopback), Is.False);
        Assert.That(DestinationAddresses.IsPublic(IPAddress.Any), Is.False);
        Assert.That(DestinationAddresses.IsPublic(IPAddress.IPv6Any), Is.False);
        Assert.That(DestinationAddresses.IsPublic(IPAddress.Broadcast), Is.False);
        Assert.That(DestinationAddresses.IsPublic(IPAddress.IPv6None), Is.False);
    }

    [Test]
    public void Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => DestinationAddresses.IsPublic(null!));
    }
}
