using System.Net;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;

namespace Trax.Forwards;

/// <summary>
/// The forward client's <see cref="SocketsHttpHandler.ConnectCallback"/>: it resolves the host itself and connects only
/// to addresses it has judged, so that a name that resolves to a private address (including one that changes its
/// answer between a check and the request, DNS rebinding) is refused. Redirects are not followed by the client, and
/// each new connection comes through here.
/// </summary>
public sealed class DestinationGuard(bool allowPrivateDestinations)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);

        return await ConnectAsync(context.DnsEndPoint, cancellationToken);
    }

    /// <summary>
    /// Whether a host written in a forward's URL may be saved: false only for an IP literal (bracketed or not) that is
    /// not public when private destinations are not allowed. Names are judged when connecting, by what they resolve to.
    /// </summary>
    public static bool IsAllowedLiteral(string host, bool allowPrivate)
    {
        ArgumentNullException.ThrowIfNull(host);

        return allowPrivate || !TryParseLiteral(host, out var address) || DestinationAddresses.IsPublic(address);
    }

    internal async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        var host = endPoint.Host;
        var addresses = TryParseLiteral(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);

        // Every address, not just the first: the connection may end up on any of them.
        if (!allowPrivateDestinations && addresses.Any(address => !DestinationAddresses.IsPublic(address)))
        {
            throw new DestinationRefusedException(host);
        }

        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            Socket? socket = null;
            try
            {
                // Created per address: a host without IPv6 refuses the socket itself, and the next address may do.
                socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket?.Dispose();
                last = e;
            }
            catch
            {
                socket?.Dispose();
                throw;
            }
        }

        ExceptionDispatchInfo.Throw(last!);
        return null; // Unreachable: Throw does not return.
    }

    /// <summary>
    /// An IP literal, bracketed or not, also with the root's trailing dot (<c>127.0.0.1.</c>), which a URL may carry
    /// and a resolver may answer with the address itself.
    /// </summary>
    private static bool TryParseLiteral(string host, out IPAddress address)
    {
        var bare = host.Length > 2 && host[0] == '[' && host[^1] == ']' ? host[1..^1]
            : host.Length > 1 && host[^1] == '.' ? host[..^1]
            : host;
        return IPAddress.TryParse(bare, out address!);
    }
}
