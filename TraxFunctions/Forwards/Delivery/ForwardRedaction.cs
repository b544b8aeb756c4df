using Trax.Input;

namespace Trax.Forwards;

/// <summary>
/// A forward's URL as it may be recorded (delivery log, telemetry, error messages): destinations often take an API
/// key or a signature in the query, or credentials in the authority. Only those values change; every other byte stays
/// as it was, so that the record still shows what was sent.
/// </summary>
public static class ForwardRedaction
{
    public const string Redacted = "redacted";

    /// <summary>
    /// Secret query values (<see cref="SecretParameters.IsSecretName"/>) and any user-info (<c>user:pass@</c>) become
    /// <c>redacted</c>; a fragment is kept, and a <c>?</c> inside it is not a query.
    /// </summary>
    public static string RedactUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);

        var hash = url.IndexOf('#');
        var beforeFragment = hash < 0 ? url : url[..hash];
        var redacted = SecretParameters.RedactUrl(RedactUserInfo(beforeFragment), SecretParameters.IsSecretName);
        return hash < 0 ? redacted : string.Concat(redacted, url.AsSpan(hash));
    }

    /// <summary><c>scheme://user:pass@host...</c> → <c>scheme://redacted@host...</c>; anything else as it is.</summary>
    private static string RedactUserInfo(string url)
    {
        var separator = url.IndexOf("://", StringComparison.Ordinal);
        if (separator < 1 || !IsScheme(url.AsSpan(0, separator)))
        {
            return url;
        }

        var authorityStart = separator + 3;
        var authorityEnd = url.IndexOfAny(['/', '?'], authorityStart);
        var authority = url.AsSpan(authorityStart, (authorityEnd < 0 ? url.Length : authorityEnd) - authorityStart);

        // The last '@': a password written with a raw '@' still ends at the host's.
        var at = authority.LastIndexOf('@');
        return at < 0 ? url : string.Concat(url.AsSpan(0, authorityStart), Redacted, url.AsSpan(authorityStart + at));
    }

    private static bool IsScheme(ReadOnlySpan<char> scheme)
    {
        if (!char.IsAsciiLetter(scheme[0]))
        {
            return false;
        }

        foreach (var c in scheme)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '-' && c != '.')
            {
                return false;
            }
        }

        return true;
    }
}
