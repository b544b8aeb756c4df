using System.Globalization;

namespace Trax.Rates;

/// <summary>
/// What a rate may be: units of a currency per one unit of the base, positive, between <see cref="Min"/> and
/// <see cref="Max"/> (no real currency is outside: the Iranian rial's market rate is about a million per euro), with
/// at most <see cref="MaxDecimals"/> decimals. A rate of 0, below zero, or a misplaced decimal point far out of
/// range is refused rather than stored.
/// </summary>
public static class RateValues
{
    public const decimal Min = 0.000001m;

    public const decimal Max = 10_000_000m;

    public const int MaxDecimals = 10;

    /// <summary>More than any list of currencies (ISO 4217 has about 180); also what one table entity can hold.</summary>
    public const int MaxCurrencies = 200;

    public static bool IsValid(decimal rate) => rate >= Min && rate <= Max && decimal.Round(rate, MaxDecimals) == rate;

    /// <summary>A rate as text, exactly (the table stores text, never a double).</summary>
    public static string Format(decimal rate) => rate.ToString(CultureInfo.InvariantCulture);

    /// <summary>A rate written with '.' and digits only (no sign, no exponent), as in the ECB's files and the CSV.</summary>
    public static bool TryParse(string? text, out decimal rate) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out rate) && HasAtMostMaxDecimals(text);

    /// <summary>Whether a rate written as <paramref name="text"/> has at most <see cref="MaxDecimals"/> decimals (<see cref="Input.DecimalText"/>).</summary>
    public static bool HasAtMostMaxDecimals(ReadOnlySpan<char> text) => Input.DecimalText.HasAtMostDecimals(text, MaxDecimals);
}
