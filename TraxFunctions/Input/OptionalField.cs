using Microsoft.Extensions.Primitives;

namespace Trax.Input;

/// <summary>
/// The rule for every optional text field (network, program, status, campaign, sub-ids, a link's fields): at most
/// <see cref="MaxLength"/> characters, no control characters, not a network's placeholder. A field that breaks it
/// is dropped with a warning rather than refusing the request: losing a conversion over a broken <c>program</c>
/// would be worse.
/// </summary>
public static class OptionalField
{
    public const int MaxLength = 200;

    /// <summary>Why a value cannot be kept (too-long, control-characters, unreplaced-macro), or null.</summary>
    public static string? Problem(string value) =>
        value.Length > MaxLength ? "too-long"
        : HasControlCharacters(value) ? "control-characters"
        : NetworkMacro.IsPlaceholder(value) ? "unreplaced-macro"
        : null;

    /// <summary>
    /// The value sent (<see cref="InputValues.FirstSent"/>: a placeholder beside a filled value is passed over, with a
    /// warning) if it passes the rule; else null, with a warning for <paramref name="name"/>.
    /// </summary>
    public static string? Read(StringValues values, string name, Warnings warnings)
    {
        var value = InputValues.FirstSent(values, out var differing, out var placeholderBeside);
        if (differing)
        {
            warnings.Add(name, "multiple-values");
        }

        if (placeholderBeside)
        {
            warnings.Add(name, "unreplaced-macro");
        }

        if (value is null)
        {
            return null;
        }

        if (Problem(value) is { } problem)
        {
            warnings.Add(name, problem);
            return null;
        }

        return value;
    }

    public static string? Read(string? value, string name, Warnings warnings) => Read(new StringValues(value), name, warnings);

    public static bool HasControlCharacters(string value) =>
        value.AsSpan().ContainsAnyInRange('\u0000', '\u001F') || value.AsSpan().ContainsAnyInRange('\u007F', '\u009F');
}
