using Microsoft.Extensions.Primitives;

namespace Trax.Input;

/// <summary>How Trax reads a parameter that may be sent several times or blank: the first non-blank value counts.</summary>
public static class InputValues
{
    /// <summary>
    /// The first non-blank value, trimmed (null if none); <paramref name="differing"/> tells whether another
    /// non-blank value differs from it. Each caller decides what a difference means (refused, warned, ignored).
    /// </summary>
    public static string? FirstNonBlank(StringValues values, out bool differing)
    {
        string? chosen = null;
        differing = false;
        foreach (var raw in values)
        {
            var value = raw?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (chosen is null)
            {
                chosen = value;
            }
            else if (value != chosen)
            {
                differing = true;
                break;
            }
        }

        return chosen;
    }

    /// <summary>
    /// A value to show (in the postback log of a refused request), never to trust: the first non-blank one, cut to
    /// <see cref="OptionalField.MaxLength"/> characters, control characters replaced by U+FFFD.
    /// </summary>
    public static string? Shown(StringValues values) =>
        FirstNonBlank(values, out _) is { } value ? Printable(value, OptionalField.MaxLength) : null;

    /// <summary>At most <paramref name="maxLength"/> characters, each control character replaced by U+FFFD; null when empty.</summary>
    public static string? Printable(string? value, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var length = Math.Min(value.Length, maxLength);
        return string.Create(length, value, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '\uFFFD' : source[i];
            }
        });
    }
}
