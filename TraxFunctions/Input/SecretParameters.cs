namespace Trax.Input;

/// <summary>
/// Query (or form) values that are secrets, redacted wherever a raw query is recorded: in the postback log, in
/// telemetry. A name may be percent-encoded (<c>tok%65n</c>), so names are compared decoded; the value becomes
/// <c>redacted</c> and the rest of the text is left exactly as it was.
/// </summary>
public static class SecretParameters
{
    /// <summary><c>name=value&amp;...</c> with the value of every parameter <paramref name="isSecret"/> accepts replaced.</summary>
    public static string? Redact(string? raw, Func<string, bool> isSecret)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return raw;
        }

        var pairs = raw.Split('&');
        var changed = false;
        for (var i = 0; i < pairs.Length; i++)
        {
            var equals = pairs[i].IndexOf('=');
            var name = equals < 0 ? pairs[i] : pairs[i][..equals];
            if (isSecret(Unescape(name).Trim()))
            {
                pairs[i] = name + "=redacted";
                changed = true;
            }
        }

        return changed ? string.Join('&', pairs) : raw;
    }

    /// <summary>A URL with its query's secrets redacted (the part before '?' and any fragment kept as they are).</summary>
    public static string RedactUrl(string url, Func<string, bool> isSecret)
    {
        var question = url.IndexOf('?');
        if (question < 0)
        {
            return url;
        }

        var hash = url.IndexOf('#', question);
        var query = hash < 0 ? url[(question + 1)..] : url[(question + 1)..hash];
        return string.Concat(url.AsSpan(0, question + 1), Redact(query, isSecret), hash < 0 ? "" : url[hash..]);
    }

    /// <summary>The parameter a network's token may travel in (the X-Trax-Token header is better: headers are not recorded).</summary>
    public const string Token = "token";

    public static bool IsToken(string name) => string.Equals(name, Token, StringComparison.OrdinalIgnoreCase);

    private static string Unescape(string name)
    {
        try
        {
            return Uri.UnescapeDataString(name.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return name;
        }
    }
}
