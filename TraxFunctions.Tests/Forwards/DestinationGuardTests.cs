using System.Net;
using System.Net.Sockets;
using System.Text;
using Trax.Forwards;

namespace Trax.Tests.Forwards;

/// <summary>
/// The forward client's connect callback, against real sockets: with private destinations allowed it connects (a
/// loopback listener sees the connection and bytes flow both ways); without, a host that is or resolves to a
/// non-public address is refused before any connection is made, directly and through an <see cref="HttpClient"/>.
/// </summary>
public sealed partial class DestinationGuardTests
{
    // ---- Allowed ----

    [TestCase("127.0.0.1")]
    [TestCase("localhost")]
    [TestCase("LOCALHOST")]
    public async Task Connect_PrivateAllowed_ReachesALoopbackListener_AndCarriesBytesBothWays(string host)
    {
        using var listener = Listen(IPAddress.Loopback);
        var accepting = listener.AcceptTcpClientAsync();

        await using var stream = await new DestinationGuard(allowPrivateDestinations: true)
            .ConnectAsync(new DnsEndPoint(host, Port(listener)), CancellationToken.None);
        using var server = await accepting;

        await AssertConnectedAsync(stream, server.GetStream());
    }

    [Test]
    public async Task Connect_PrivateAllowed_ReachesABracketedIPv6Loopback()
    {
        using var listener = TryListen(IPAddress.IPv6Loopback) ?? IgnoreNoIPv6();
        var accepting = listener.AcceptTcpClientAsync();

        await using var stream = await new DestinationGuard(true).ConnectAsync(new DnsEndPoint("[::1]", Port(listener)), CancellationToken.None);
        using var server = await accepting;

        await AssertConnectedAsync(stream, server.GetStream());
    }

    [Test]
    public async Task Connect_PrivateAllowed_ClosingTheStreamClosesTheConnection()
    {
        using var listener = Listen(IPAddress.Loopback);
        var accepting = listener.AcceptTcpClientAsync();
        var stream = await new DestinationGuard(true).ConnectAsync(new DnsEndPoint("127.0.0.1", Port(listener)), CancellationToken.None);
        using var server = await accepting;

        await stream.DisposeAsync();

        var read = await server.GetStream().ReadAsync(new byte[1]);
        Assert.That(read, Is.Zero, "the server sees the end of the stream: the stream owned its socket");
    }

    [Test]
    public async Task Connect_PrivateAllowed_NothingListening_IsASocketError_NotARefusal()
    {
        int port;
        using (var closed = Listen(IPAddress.Loopback))
        {
            port = Port(closed);
        }

        var error = await Assert.ThrowsAsync<SocketException>(async () =>
            await new DestinationGuard(true).ConnectAsync(new DnsEndPoint("127.0.0.1", port), CancellationToken.None));

        Assert.That(error!.SocketErrorCode, Is.EqualTo(SocketError.ConnectionRefused));
    }

    [Test]
    public async Task Connect_Cancelled_Throws_AndDoesNotConnect()
    {
        using var listener = Listen(IPAddress.Loopback);

        await Assert.CatchAsync<OperationCanceledException>(async () =>
            await new DestinationGuard(true).ConnectAsync(new DnsEndPoint("127.0.0.1", Port(listener)), new CancellationToken(canceled: true)));
        AssertNoConnection(listener);
    }

    [TestCase("8.8.8.8")]
    [TestCase("[2001:4860:4860::8888]")]
    [TestCase("::ffff:8.8.8.8")]
    public async Task Connect_PublicLiteral_PrivateNotAllowed_IsNotRefused(string host)
    {
        // Cancelled before it starts, so no packet leaves: what matters is that the guard let it through to connect.
        var error = await Assert.CatchAsync(async () =>
            await new DestinationGuard(false).ConnectAsync(new DnsEndPoint(host, 9), new CancellationToken(canceled: true)));

        Assert.That(error, Is.Not.InstanceOf<DestinationRefusedException>());
        Assert.That(error, Is.InstanceOf<OperationCanceledException>().Or.InstanceOf<SocketException>());
    }

    [Test]
    public async Task Connect_AHostThatDoesNotResolve_IsASocketError_NotARefusal()
    {
        var error = await Assert.CatchAsync(async () =>
            await new DestinationGuard(false).ConnectAsync(new DnsEndPoint("no-such-host.invalid", 80), CancellationToken.None));

        Assert.That(error, Is.InstanceOf<SocketException>());
    }

    private static TcpListener Listen(IPAddress address)
    {
        var listener = new TcpListener(address, 0);
        listener.Start();
        return listener;
    }

    private static TcpListener? TryListen(IPAddress address)
    {
        try
        {
            return Socket.OSSupportsIPv6 || address.AddressFamily != AddressFamily.InterNetworkV6 ? Listen(address) : null;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    private static TcpListener IgnoreNoIPv6()
    {
        Assert.Ignore("This machine has no IPv6 loopback.");
        return null!;
    }

    private static int Port(TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>
    /// Called once the guard has thrown: a connection it had made would already be in the listener's backlog (the
    /// guard awaits its connect), so nothing to wait for.
    /// </summary>
    private static void AssertNoConnection(TcpListener listener) =>
        Assert.That(listener.Pending(), Is.False, "no connection may reach the listener");

    private static async Task AssertConnectedAsync(Stream client, Stream server)
    {
        await client.WriteAsync("ping"u8.ToArray());
        await client.FlushAsync();
        Assert.That(await ReadAsync(server, 4), Is.EqualTo("ping"));

        await server.WriteAsync("pong"u8.ToArray());
        Assert.That(await ReadAsync(client, 4), Is.EqualTo("pong"));
    }

    private static async Task<string> ReadAsync(Stream stream, int length)
    {
        var buffer = new byte[length];
        await stream.ReadExactlyAsync(buffer);
        return Encoding.ASCII.GetString(buffer);
    }
}
