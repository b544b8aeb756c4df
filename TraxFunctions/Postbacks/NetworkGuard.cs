using System.Net;
using System.Security.Cryptography;
using System.Text;
using Trax.Core;
using Trax.Input;

namespace Trax.Postbacks;

/// <summary>
/// Checks a postback that names a protected network: its token (constant-time) and/or its caller's IP. A postback
/// naming an unprotected network passes, so the seed's token-less URLs keep working. The settings were validated
/// at start-up (<see cref="PostbackSecurityOptionsValidator"/>), so parsing them here cannot fail.
/// </summary>
public sealed class NetworkGuard
{
    private readonly Dictionary<string, (byte[]? Token, IPNetwork[]? Allowed)> networks;
    private readonly bool requireProtectedNetwork;

    public NetworkGuard(IOptions<PostbackSecurityOptions> options)
    {
        networks = new(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, protection) in options.Value.Networks)
        {
            networks[name] = (
                string.IsNullOrEmpty(protection.Token) ? null : Encoding.UTF8.GetBytes(protection.Token),
                string.IsNullOrWhiteSpace(protection.AllowedIps) ? null : AllowedIps.Parse(protection.AllowedIps, out _));
        }

        requireProtectedNetwork = options.Value.RequireProtectedNetwork;
    }

    /// <param name="checkAddress">Off for the URL check, whose caller is not the network: the address list is then not judged.</param>
    public Rejection? Check(Postback postback, PostbackRequest request, bool checkAddress = true)
    {
        if (postback.Network is null || !networks.TryGetValue(postback.Network, out var protection))
        {
            return requireProtectedNetwork ? PostbackRejections.UnknownNetwork : null;
        }

        if (protection.Token is { } expected && !TokenMatches(expected, request.Tokens))
        {
            return PostbackRejections.InvalidToken;
        }

        if (checkAddress && protection.Allowed is { } allowed && !(request.ClientAddress is { } ip && allowed.Any(n => n.Contains(ip))))
        {
            return PostbackRejections.IpNotAllowed;
        }

        return null;
    }

    private static bool TokenMatches(byte[] expected, IReadOnlyList<string> offered)
    {
        var match = false;
        foreach (var candidate in offered)
        {
            // FixedTimeEquals: the comparison takes as long for a near miss as for a wild guess.
            match |= CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(candidate.Trim()));
        }

        return match;
    }
}
