namespace Trax.Postbacks;

/// <summary>
/// Optional protection per network, under <c>Trax:Security</c>, e.g.
/// <c>Trax__Security__Networks__AffiliateWeb__Token</c> and <c>Trax__Security__Networks__AffiliateWeb__AllowedIps</c>.
/// Secrets belong in app settings (or Key Vault references), never in the repository.
/// </summary>
public sealed class PostbackSecurityOptions
{
    public const string Section = "Trax:Security";

    /// <summary>Protected networks by name (matched case-insensitively with the postback's <c>network</c>).</summary>
    public Dictionary<string, NetworkProtection> Networks { get; set; } = [];

    /// <summary>
    /// Refuse postbacks that name no protected network. Off by default, because the seed's URLs carry neither a
    /// network nor a token; turn it on once every network's template names its network and token.
    /// </summary>
    public bool RequireProtectedNetwork { get; set; }
}

public sealed class NetworkProtection
{
    /// <summary>
    /// The shortest token the app starts with. 16 random characters are about 95 bits: out of reach of guessing over
    /// HTTP, yet short enough for any network's postback template. See docs/security.md.
    /// </summary>
    public const int MinTokenLength = 16;

    /// <summary>Shared secret the network sends in the <c>X-Trax-Token</c> header (or as <c>token</c>).</summary>
    public string? Token { get; set; }

    /// <summary>Comma-separated IPs or CIDR ranges the network calls from (e.g. <c>203.0.113.0/24, 2001:db8::/32</c>).</summary>
    public string? AllowedIps { get; set; }
}
