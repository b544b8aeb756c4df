namespace Trax.Postbacks;

/// <summary>
/// Refuses, at start-up, a token too short to be a secret and an allowlist that is not a list of addresses and ranges
/// (the app does not start). Errors name the setting, never a token's value: deployment logs keep them.
/// </summary>
public sealed class PostbackSecurityOptionsValidator : IValidateOptions<PostbackSecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, PostbackSecurityOptions options)
    {
        var failures = new List<string>();
        foreach (var (network, protection) in options.Networks)
        {
            if (!string.IsNullOrEmpty(protection.Token) && protection.Token.Trim().Length < NetworkProtection.MinTokenLength)
            {
                failures.Add($"Trax:Security:Networks:{network}:Token is shorter than {NetworkProtection.MinTokenLength} characters (spaces around it not counted): use a long random secret, or no token.");
            }

            if (!string.IsNullOrWhiteSpace(protection.AllowedIps) && AllowedIps.Parse(protection.AllowedIps, out var problem) is null)
            {
                failures.Add($"Trax:Security:Networks:{network}:AllowedIps holds '{problem}', which is not an IP address or CIDR range written in full (203.0.113.7, 203.0.113.0/24, 2001:db8::/32).");
            }
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
