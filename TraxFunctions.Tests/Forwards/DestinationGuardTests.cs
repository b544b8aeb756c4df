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
public sealed class DestinationGuardTests
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

    // ---- As the HTTP client's connect callback ----

    [Test]
    public async Task HttpClient_PrivateAllowed_GetsTheLoopbackServersAnswer()
    {
        using var listener = Listen(IPAddress.Loopback);
        var serving = ServeOnceAsync(listener);
        using var client = Client(allowPrivate: true);

        using var response = await client.GetAsync($"http://127.0.0.1:{Port(listener)}/pb?c=1");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("ok"));
        Assert.That(await serving, Does.StartWith("GET /pb?c=1 HTTP/1.1\r\n"));
    }

    [Test]
    public async Task HttpClient_PrivateAllowed_ReachesLocalhostByName()
    {
        using var listener = Listen(IPAddress.Loopback);
        var serving = ServeOnceAsync(listener);
        using var client = Client(allowPrivate: true);

        using var response = await client.GetAsync($"http://localhost:{Port(listener)}/x");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await serving, Does.Contain("Host: localhost:"));
    }

    [TestCase("127.0.0.1")]
    [TestCase("localhost")]
    public async Task HttpClient_PrivateNotAllowed_FailsWithTheRefusal_AndTheServerSeesNothing(string host)
    {
        using var listener = Listen(IPAddress.Loopback);
        using var client = Client(allowPrivate: false);

        var error = await Assert.ThrowsAsync<HttpRequestException>(async () => await client.GetAsync($"http://{host}:{Port(listener)}/pb"));

        Assert.That(error!.InnerException, Is.InstanceOf<DestinationRefusedException>());
        Assert.That(((DestinationRefusedException)error.InnerException!).Host, Is.EqualTo(host));
        AssertNoConnection(listener);
    }

    [Test]
    public async Task HttpClient_PrivateNotAllowed_MetadataEndpointIsRefused()
    {
        using var client = Client(allowPrivate: false);
        client.Timeout = TimeSpan.FromSeconds(5); // an attempt to connect would end as a timeout, not the refusal

        var error = await Assert.ThrowsAsync<HttpRequestException>(async () => await client.GetAsync("http://169.254.169.254/latest/meta-data/"));

        Assert.That(error!.InnerException, Is.InstanceOf<DestinationRefusedException>());
    }

    [Test]
    public async Task ConnectAsync_NullContext_Throws()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await new DestinationGuard(true).ConnectAsync((SocketsHttpConnectionContext)null!, CancellationToken.None));
    }

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

    [Test]
    public void RefusedException_CarriesTheHost()
    {
        var error = new DestinationRefusedException("internal.corp");

        Assert.That(error.Host, Is.EqualTo("internal.corp"));
        Assert.That(error.Message, Does.Contain("'internal.corp'").And.Contain("not a public address"));
        Assert.That(error.InnerException, Is.Null);
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

    /// <summary>Answers one HTTP request with 200 "ok"; returns the request's head.</summary>
    private static async Task<string> ServeOnceAsync(TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var head = new StringBuilder();
        var buffer = new byte[1024];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"u8.ToArray());
        return head.ToString();
    }

    private static HttpClient Client(bool allowPrivate) =>
        new(new SocketsHttpHandler { ConnectCallback = new DestinationGuard(allowPrivate).ConnectAsync, UseProxy = false });
}
