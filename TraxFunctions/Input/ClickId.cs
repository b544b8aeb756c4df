using Microsoft.Extensions.Primitives;

namespace Trax.Input;

/// <summary>The one rule for a click id, wherever it arrives: 1 to 128 printable ASCII characters, not a placeholder.</summary>
public static class ClickId
{
    public const int MaxLength = 128;

    public static bool IsValid(string clickId) =>
        clickId.Length is > 0 and <= MaxLength && !clickId.AsSpan().ContainsAnyExceptInRange('\u0021', '\u007E');

    /// <summary>Why a (trimmed) click id would be refused, or null when Trax accepts it.</summary>
    public static Rejection? Check(string? clickId) => clickId switch
    {
        null or "" => Rejection.MissingClickId,
        _ when NetworkMacro.IsPlaceholder(clickId) => Rejection.UnreplacedMacro,
        _ when !IsValid(clickId) => Rejection.InvalidClickId,
        _ => null,
    };

    /// <summary>
    /// The click id of a parameter that may be repeated: repeating the same value is fine, two values are not. A
    /// placeholder beside a real id carries no id (<see cref="InputValues.FirstSent"/>): the id is kept, with a warning.
    /// </summary>
    public static string? Read(StringValues values, Warnings warnings, out Rejection? rejection)
    {
        var clickId = InputValues.FirstSent(values, out var differing, out var placeholderBeside);
        rejection = differing ? Rejection.AmbiguousClickId : Check(clickId);
        if (rejection is not null)
        {
            return null;
        }

        if (placeholderBeside)
        {
            warnings.Add("clickid", "unreplaced-macro");
        }

        return clickId;
    }
}
