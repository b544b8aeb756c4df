using Microsoft.Net.Http.Headers;

namespace Trax.Http;

/// <summary>
/// Reads a request's Content-Type as a parser does, not by its prefix: <c>text/csvx</c> is not CSV, and a body
/// declared in another charset is not UTF-8 text, whatever its bytes happen to be.
/// </summary>
public static class MediaTypes
{
    /// <summary>The media type in lower case (null when there is none or it cannot be read), and whether the charset is UTF-8 or unsaid.</summary>
    public static (string? Type, bool Utf8) Parse(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || media.MediaType.Value is not { } type)
        {
            return (null, false);
        }

        // charset="UTF-8" is the same charset as charset=utf-8 (RFC 9110: a parameter's value may be quoted), and
        // utf8 is what many scripts and libraries write for it.
        var charset = HeaderUtilities.RemoveQuotes(media.Charset).Value;
        return (type.ToLowerInvariant(), charset is null
            || string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase) || string.Equals(charset, "utf8", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>text/csv in UTF-8 (the charset said or unsaid): what every CSV upload reads.</summary>
    public static bool IsUtf8Csv(string? contentType) => Parse(contentType) is ("text/csv", true);
}
