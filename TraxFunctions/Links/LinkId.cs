using System.Text.RegularExpressions;

namespace Trax.Links;

/// <summary>
/// A link id is a short slug: 1 to 64 letters, digits, '-' or '_', starting with a letter or digit. Ids are
/// case-insensitive (stored in lower case), so <c>/go/SuperGame</c> and <c>/go/supergame</c> are one link.
/// </summary>
public static partial class LinkId
{
    public const int MaxLength = 64;

    /// <summary>The id in its stored (lower-case) form, or null when it is not a valid slug.</summary>
    public static string? Normalize(string? value) =>
        value is not null && Slug().IsMatch(value) ? value.ToLowerInvariant() : null;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Slug();
}
