using Trax.Input;

namespace Trax.Links;

/// <summary>A link id is a <see cref="Slug"/>, so <c>/go/SuperGame</c> and <c>/go/supergame</c> are one link.</summary>
public static class LinkId
{
    public const int MaxLength = Slug.MaxLength;

    /// <summary>The id in its stored (lower-case) form, or null when it is not a valid slug.</summary>
    public static string? Normalize(string? value) => Slug.Normalize(value);
}
