using System.Net;
using System.Text;
using Trax.Forwards;

namespace Trax.Tests.Forwards;

/// <summary>
/// Without private destinations allowed, a host that is or resolves to a non-public address is refused before any
/// connection is made, and the refusal names the host.
/// </summary>
public sealed partial class DestinationGuardTests
{
    // ---- Refused ----

    [TestCase("127.0.0.1")]
    [TestCase("127.1.2.3")]
    [TestCase("127.0.0.1.")]
    [TestCase("localhost")]
    [TestCase("LocalHost")]
    public async Task Connect_LoopbackNotAllowed_IsRefused_BeforeAnyConnection(string host)
    {
        using var listener = Listen(IPAddress.Loopback);

        var error = await Assert.ThrowsAsync<DestinationRefusedException>(async () =>
            await new DestinationGuard(allowPrivateDestinations: false).ConnectAsync(new DnsEndPoint(host, Port(listener)), CancellationToken.None));

        Assert.That(error!.Host, Is.EqualTo(host));
        AssertNoConnection(listener);
    }

    [Test]
    public async Task Connect_IPv6LoopbackNotAllowed_IsRefused_BeforeAnyConnection()
    {
        using var listener = TryListen(IPAddress.IPv6Loopback) ?? IgnoreNoIPv6();

        foreach (var host in new[] { "[::1]", "::1" })
        {
            var error = await Assert.ThrowsAsync<DestinationRefusedException>(async () =>
                await new DestinationGuard(false).ConnectAsync(new DnsEndPoint(host, Port(listener)), CancellationToken.None));
            Assert.That(error!.Host, Is.EqualTo(host));
        }

        AssertNoConnection(listener);
    }

    [TestCase("10.0.0.1")]
    [TestCase("172.16.0.1")]
    [TestCase("192.168.1.1")]
    [TestCase("169.254.169.254")]
    [TestCase("100.64.0.1")]
    [TestCase("0.0.0.0")]
    [TestCase("168.63.129.16")]
    [TestCase("[::]")]
    [TestCase("[fe80::1]")]
    [TestCase("[fd00::1]")]
    [TestCase("[::ffff:127.0.0.1]")]
    [TestCase("[::ffff:10.0.0.1]")]
    [TestCase("::ffff:169.254.169.254")]
    public async Task Connect_PrivateLiteralNotAllowed_IsRefused_WithoutTryingToConnect(string host)
    {
        // Nothing answers at these addresses: a connect attempt would fail as a SocketException, or hang until the
        // token is cancelled (an OperationCanceledException). Only a refusal before connecting passes.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var error = await Assert.ThrowsAsync<DestinationRefusedException>(async () =>
            await new DestinationGuard(false).ConnectAsync(new DnsEndPoint(host, 80), timeout.Token));

        Assert.That(error!.Host, Is.EqualTo(host));
    }

    [Test]
    public async Task Refusal_NamesTheHost_NotTheAddressItResolvedTo()
    {
        using var listener = Listen(IPAddress.Loopback);

        var error = await Assert.ThrowsAsync<DestinationRefusedException>(async () =>
            await new DestinationGuard(false).ConnectAsync(new DnsEndPoint("localhost", Port(listener)), CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("'localhost'"));
        Assert.That(error.Message, Does.Not.Contain("127.0.0.1").And.Not.Contain("::1"));
    }

    [Test]
    public void RefusedException_CarriesTheHost()
    {
        var error = new DestinationRefusedException("internal.corp");

        Assert.That(error.Host, Is.EqualTo("internal.corp"));
        Assert.That(error.Message, Does.Contain("'internal.corp'").And.Contain("not a public address"));
        Assert.That(error.InnerException, Is.Null);
    }
}
