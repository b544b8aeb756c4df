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
    /// The first non-blank value that is not a network's placeholder (trimmed): a placeholder the network left
    /// unreplaced carries no value, so when a parameter is sent twice, once filled and once as <c>{payout}</c>, the
    /// filled one is what the network sent, whichever comes first. Only when every value is a placeholder is the first
    /// of them returned, for the caller's own macro rule. <paramref name="differing"/> tells whether another value of
    /// the same kind (filled, or, with none filled, placeholder) differs; <paramref name="placeholderBeside"/> whether a
    /// placeholder was passed over for a filled value.
    /// </summary>
    public static string? FirstSent(StringValues values, out bool differing, out bool placeholderBeside)
    {
        string? sent = null, placeholder = null;
        bool sentDiffer = false, placeholderDiffer = false;
        foreach (var raw in values)
        {
            var value = raw?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (NetworkMacro.IsPlaceholder(value))
            {
                placeholderDiffer |= placeholder is not null && value != placeholder;
                placeholder ??= value;
            }
            else
            {
                sentDiffer |= sent is not null && value != sent;
                sent ??= value;
            }
        }

        differing = sent is not null ? sentDiffer : placeholderDiffer;
        placeholderBeside = sent is not null && placeholder is not null;
        return sent ?? placeholder;
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
