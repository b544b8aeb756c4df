using System.Net.Sockets;
using System.Text;
using Trax.Forwards;

namespace Trax.Tests.Forwards;

/// <summary>Literal addresses, judged when a forward is saved.</summary>
public sealed partial class DestinationGuardTests
{
    // ---- Literals, judged when a forward is saved ----

    [TestCase("127.0.0.1")]
    [TestCase("10.0.0.1")]
    [TestCase("172.16.5.4")]
    [TestCase("192.168.0.10")]
    [TestCase("169.254.169.254")]
    [TestCase("0.0.0.0")]
    [TestCase("100.64.1.1")]
    [TestCase("::1")]
    [TestCase("[::1]")]
    [TestCase("[::]")]
    [TestCase("[fe80::1]")]
    [TestCase("[fc00::1]")]
    [TestCase("[::ffff:127.0.0.1]")]
    [TestCase("[::ffff:10.0.0.1]")]
    [TestCase("2130706433")] // 127.0.0.1 as one number
    [TestCase("0x7f000001")] // the same in hex
    [TestCase("127.1")]      // the same, shortened
    public void IsAllowedLiteral_ANonPublicAddress_IsRefusedUnlessPrivateIsAllowed(string host)
    {
        Assert.That(DestinationGuard.IsAllowedLiteral(host, allowPrivate: false), Is.False);
        Assert.That(DestinationGuard.IsAllowedLiteral(host, allowPrivate: true), Is.True);
    }

    [TestCase("8.8.8.8")]
    [TestCase("172.32.0.1")]
    [TestCase("192.169.0.1")]
    [TestCase("[2001:4860:4860::8888]")]
    [TestCase("2001:4860:4860::8888")]
    [TestCase("[::ffff:8.8.8.8]")]
    [TestCase("ads.example")]
    [TestCase("localhost")] // a name: judged by what it resolves to, when connecting
    [TestCase("internal.corp")]
    [TestCase("")]
    [TestCase("[]")]
    [TestCase("[not-an-address]")]
    public void IsAllowedLiteral_APublicAddressOrAName_IsAllowed(string host)
    {
        Assert.That(DestinationGuard.IsAllowedLiteral(host, allowPrivate: false), Is.True);
    }

    [Test]
    public void IsAllowedLiteral_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => DestinationGuard.IsAllowedLiteral(null!, false));
    }
}
