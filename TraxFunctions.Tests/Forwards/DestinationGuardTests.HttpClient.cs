using System.Net;
using System.Net.Sockets;
using System.Text;
using Trax.Forwards;

namespace Trax.Tests.Forwards;

/// <summary>The guard as an <see cref="HttpClient"/>'s connect callback, against a loopback server.</summary>
public sealed partial class DestinationGuardTests
{
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
