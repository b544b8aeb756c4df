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
    /// <summary>Shared secret the network sends in the <c>X-Trax-Token</c> header (or as <c>token</c>).</summary>
    public string? Token { get; set; }

    /// <summary>Comma-separated IPs or CIDR ranges the network calls from (e.g. <c>203.0.113.0/24, 2001:db8::/32</c>).</summary>
    public string? AllowedIps { get; set; }
}

/// <summary>Refuses, at start-up, an allowlist that is not a list of addresses and ranges (the app does not start).</summary>
public sealed class PostbackSecurityOptionsValidator : IValidateOptions<PostbackSecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, PostbackSecurityOptions options)
    {
        var failures = new List<string>();
        foreach (var (network, protection) in options.Networks)
        {
            if (!string.IsNullOrWhiteSpace(protection.AllowedIps) && AllowedIps.Parse(protection.AllowedIps, out var problem) is null)
            {
                failures.Add($"Trax:Security:Networks:{network}:AllowedIps holds '{problem}', which is not an IP address or CIDR range written in full (203.0.113.7, 203.0.113.0/24, 2001:db8::/32).");
            }
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
