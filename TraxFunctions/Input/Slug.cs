using System.Text.RegularExpressions;

namespace Trax.Input;

/// <summary>
/// An id an operator picks (a link's, a forward's): 1 to 64 letters, digits, '-' or '_', starting with a letter or
/// digit. Case-insensitive, stored in lower case, so <c>SuperGame</c> and <c>supergame</c> are one id.
/// </summary>
public static partial class Slug
{
    public const int MaxLength = 64;

    /// <summary>The id in its stored (lower-case) form, or null when it is not a valid slug.</summary>
    public static string? Normalize(string? value) =>
        value is not null && Pattern().IsMatch(value) ? value.ToLowerInvariant() : null;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
