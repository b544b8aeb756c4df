namespace Trax.Input;

/// <summary>
/// Query (or form) values that are secrets, redacted wherever a raw query is recorded: a postback's <c>token</c> in
/// its stored records (<see cref="IsToken"/>), every secret-looking name (<see cref="IsSecretName"/>) in the delivery
/// log and in telemetry. A name may be percent-encoded (<c>tok%65n</c>), so names are compared decoded; the value becomes
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

    /// <summary>
    /// The one rule for a secret parameter name, wherever Trax records a URL that may carry one (the delivery log,
    /// telemetry). The name is read in lower case, split into words at every character that is not a letter or digit
    /// and where a lower-case letter meets an upper-case one (<c>auth_code</c>, <c>authCode</c>: auth, code); a
    /// trailing number (<c>token1</c>, <c>token_2</c>) and then a plural <c>s</c> (<c>tokens</c>) are dropped from the
    /// name and from each word. It is secret when:
    /// <list type="number">
    /// <item>the name, its separators removed, ends with one of <see cref="SecretEndings"/> (<c>apikey</c>,
    /// <c>x-api-key</c>, <c>access_token</c>, <c>client_secret</c>, <c>user_password</c>); or</item>
    /// <item>a word is one of <see cref="SecretWords"/> (<c>code</c>, the Functions key's parameter; <c>jwt</c>,
    /// <c>session</c>, <c>pin</c>, <c>auth</c> …); or</item>
    /// <item>a word starts with <c>sig</c> (sig, sign, signature, sigv4) or <c>credential</c>.</item>
    /// </list>
    /// A harmless name caught by the rule (<c>monkey</c>, <c>country_code</c>) only hides a value in a record;
    /// a secret missed would leak, so the rule errs that way.
    /// </summary>
    public static bool IsSecretName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);

        var words = Words(name);
        if (words.Count == 0)
        {
            return false;
        }

        var joined = Stem(string.Concat(words));
        return SecretEndings.Any(ending => joined.EndsWith(ending, StringComparison.Ordinal))
               || words.Select(Stem).Any(word => SecretWords.Contains(word)
                                                 || word.StartsWith("sig", StringComparison.Ordinal)
                                                 || word.StartsWith("credential", StringComparison.Ordinal));
    }

    /// <summary>What a secret name may end with, run together: the names of keys, tokens and passwords.</summary>
    public static IReadOnlyList<string> SecretEndings { get; } = ["token", "key", "secret", "password", "passphrase", "passwd"];

    /// <summary>Words that make a name secret wherever they stand in it.</summary>
    public static IReadOnlySet<string> SecretWords { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "pass", "pwd", "pw", "passphrase", "auth", "authorization", "bearer", "jwt", "code", "otp", "pin", "session",
        "sessionid", "sid", "cookie", "hash", "hmac",
    };

    /// <summary>The name's words in lower case: split at non-alphanumerics and at a lower-to-upper case change.</summary>
    private static List<string> Words(string name)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c) || (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1])))
            {
                if (word.Length > 0)
                {
                    words.Add(word.ToString());
                    word.Clear();
                }

                if (!char.IsLetterOrDigit(c))
                {
                    continue;
                }
            }

            word.Append(char.ToLowerInvariant(c));
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    /// <summary>A word without its trailing number and then a plural 's' (<c>tokens2</c> → token); "pass" keeps its 's'.</summary>
    private static string Stem(string word)
    {
        var end = word.Length;
        while (end > 0 && char.IsAsciiDigit(word[end - 1]))
        {
            end--;
        }

        var stem = word[..end];
        return stem.Length > 1 && stem[^1] == 's' && !stem.EndsWith("ss", StringComparison.Ordinal) ? stem[..^1] : stem;
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
