namespace Trax.Rates;

/// <summary>
/// The source URL is an operator's setting, still checked: https (or http to this machine, for tests and local runs),
/// no user name or password in it (a secret goes in the query, which logs leave out).
/// </summary>
public sealed class RatesOptionsValidator : IValidateOptions<RatesOptions>
{
    public ValidateOptionsResult Validate(string? name, RatesOptions options) =>
        options.SourceUrl.Length == 0 || Source(options.SourceUrl) is not null
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Trax:Rates:SourceUrl must be empty or an absolute https URL (http only to localhost), without user information.");

    /// <summary>The URL to fetch, or null when it may not be fetched.</summary>
    public static Uri? Source(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        && uri.UserInfo.Length == 0
            ? uri
            : null;
}
