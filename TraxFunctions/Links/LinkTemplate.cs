
namespace Trax.Links;

/// <summary>A link's destination: an absolute http(s) URL holding <c>{clickid}</c> where the network wants our id.</summary>
public static class LinkTemplate
{
    public const string Placeholder = "{clickid}";

    public const int MaxLength = 2048;

    /// <summary>Fills every <c>{clickid}</c> with the click id, URL-encoded (the identity for ids Trax mints).</summary>
    public static string Expand(string template, string clickId) =>
        template.Replace(Placeholder, Uri.EscapeDataString(clickId), StringComparison.Ordinal);

    /// <summary>Null when the template is usable, else what is wrong with it.</summary>
    public static Input.Rejection? Check(string? template)
    {
        if (string.IsNullOrEmpty(template) || template.Length > MaxLength
            || template.AsSpan().ContainsAnyExceptInRange('\u0021', '\u007E'))
        {
            // Printable ASCII only: no spaces, no control characters (a CR/LF would split the Location header),
            // no raw Unicode (percent-encode it, or use the punycode host).
            return LinkRejections.InvalidDestination;
        }

        if (!template.Contains(Placeholder, StringComparison.Ordinal))
        {
            return LinkRejections.MissingPlaceholder;
        }

        // Judge the URL that visitors will actually be sent to, with a click id in place.
        var sample = Expand(template, "AAAAAAAAAAAAAAAAAAAAAA");
        return Uri.TryCreate(sample, UriKind.Absolute, out var uri)
               && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
               && uri.Host.Length > 0
            ? null
            : LinkRejections.InvalidDestination;
    }
}
