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

    /// <summary>
    /// Whether a number written as <paramref name="text"/> (digits, one '.', a JSON exponent) has at most
    /// <see cref="MaxDecimals"/> decimals once written out. Checked on the text because a decimal keeps at most 28
    /// digits: parsed first, <c>1.000000000000000000000000000001</c> would silently become 1.
    /// </summary>
    public static bool HasAtMostMaxDecimals(ReadOnlySpan<char> text)
    {
        var e = text.IndexOfAny('e', 'E');
        var exponent = 0;
        if (e >= 0 && !int.TryParse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
        {
            return false;
        }

        var mantissa = (e < 0 ? text : text[..e]).TrimStart('-');
        var point = mantissa.IndexOf('.');
        var fraction = point < 0 ? 0 : mantissa.Length - point - 1;
        var digits = point < 0 ? mantissa : string.Concat(mantissa[..point], mantissa[(point + 1)..]).AsSpan();
        var trimmed = digits.TrimEnd('0');
        // The value is digits × 10^-(fraction - exponent); each trailing zero of the digits takes one decimal off.
        return trimmed.IsEmpty || (long)fraction - exponent - (digits.Length - trimmed.Length) <= MaxDecimals;
    }
}
