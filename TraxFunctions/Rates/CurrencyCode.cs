namespace Trax.Rates;

/// <summary>An ISO 4217 currency code as Trax keeps it: three ASCII letters, upper case (as postbacks' currency is kept).</summary>
public static class CurrencyCode
{
    /// <summary>The code in upper case, or null when <paramref name="text"/> is not three ASCII letters.</summary>
    public static string? Normalize(string? text) =>
        text is { Length: 3 } && char.IsAsciiLetter(text[0]) && char.IsAsciiLetter(text[1]) && char.IsAsciiLetter(text[2])
            ? text.ToUpperInvariant()
            : null;
}
