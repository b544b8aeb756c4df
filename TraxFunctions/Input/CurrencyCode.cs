namespace Trax.Input;

/// <summary>
/// An ISO 4217 currency code as Trax keeps it: three ASCII letters, upper case. The one rule for a postback's currency, a
/// rate's and a network export's (a code need not be in use: <see cref="Iso4217"/> is for the fields that refuse those).
/// </summary>
public static class CurrencyCode
{
    /// <summary>The code in upper case, or null when <paramref name="text"/> is not three ASCII letters.</summary>
    public static string? Normalize(string? text) =>
        text is { Length: 3 } && char.IsAsciiLetter(text[0]) && char.IsAsciiLetter(text[1]) && char.IsAsciiLetter(text[2])
            ? text.ToUpperInvariant()
            : null;
}
