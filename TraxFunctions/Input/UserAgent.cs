namespace Trax.Input;

/// <summary>A caller's User-Agent as Trax stores it (postbacks and clicks alike): shown, never trusted.</summary>
public static class UserAgent
{
    public const int MaxLength = 512;

    /// <summary>At most 512 characters, control characters replaced by U+FFFD; null when absent.</summary>
    public static string? Normalize(string? value) => InputValues.Printable(value?.Trim(), MaxLength);
}
