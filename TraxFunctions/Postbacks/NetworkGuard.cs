using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Trax.Postbacks;

/// <summary>
/// Checks a postback that names a protected network: its token (constant-time) and/or its caller's IP. A postback
/// naming an unprotected network passes, so the seed's token-less URLs keep working.
/// </summary>
public sealed class NetworkGuard
{
    public const string TokenParameter = "token";
    public const string TokenHeader = "X-Trax-Token";

    private readonly Dictionary<string, (byte[]? Token, IPNetwork[]? Allowed)> networks;
    private readonly bool requireProtectedNetwork;

    public NetworkGuard(IOptions<PostbackSecurityOptions> options)
    {
        networks = new(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, protection) in options.Value.Networks)
        {
            networks[name] = (
                string.IsNullOrEmpty(protection.Token) ? null : Encoding.UTF8.GetBytes(protection.Token),
                string.IsNullOrWhiteSpace(protection.AllowedIps) ? null : ParseNetworks(name, protection.AllowedIps));
        }

        requireProtectedNetwork = options.Value.RequireProtectedNetwork;
    }

    public Rejection? Check(Postback postback, PostbackRequest read, HttpRequest request)
    {
        if (postback.Network is null || !networks.TryGetValue(postback.Network, out var protection))
        {
            return requireProtectedNetwork ? Rejection.UnknownNetwork : null;
        }

        if (protection.Token is { } expected && !TokenMatches(expected, read.Parameters[TokenParameter], request.Headers[TokenHeader]))
        {
            return Rejection.InvalidToken;
        }

        if (protection.Allowed is { } allowed && !(read.ClientAddress is { } ip && allowed.Any(n => n.Contains(ip))))
        {
            return Rejection.IpNotAllowed;
        }

        return null;
    }

    private static bool TokenMatches(byte[] expected, Microsoft.Extensions.Primitives.StringValues fromQuery, Microsoft.Extensions.Primitives.StringValues fromHeader)
    {
        var match = false;
        foreach (var candidate in fromQuery.Concat(fromHeader))
        {
            // FixedTimeEquals: the comparison takes as long for a near miss as for a wild guess.
            match |= candidate is not null && CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(candidate.Trim()));
        }

        return match;
    }

    private static IPNetwork[] ParseNetworks(string network, string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => IPNetwork.TryParse(entry, out var range) ? range
                : IPAddress.TryParse(entry, out var single) ? new IPNetwork(single, single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
                : throw new OptionsValidationException(PostbackSecurityOptions.Section, typeof(PostbackSecurityOptions),
                    [$"Trax:Security:Networks:{network}:AllowedIps holds '{entry}', which is not an IP address or CIDR range."]))
            .ToArray();
}
