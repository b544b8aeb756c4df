using System.Globalization;

namespace Trax.Input;

/// <summary>
/// How many decimals a number has as written. Checked on the text because a decimal keeps at most 28 digits:
/// parsed first, <c>1.000000000000000000000000000001</c> would silently become 1 and pass any decimals rule.
/// </summary>
public static class DecimalText
{
    /// <summary>The digits every decimal holds exactly (some of 29 digits it does not).</summary>
    public const int MaxSignificantDigits = 28;

    /// <summary>
    /// Whether <paramref name="text"/> (digits, one '.', a sign, a JSON exponent) has at most
    /// <paramref name="maxDecimals"/> decimals once written out; trailing zeros do not count (12.30000 has one).
    /// </summary>
    public static bool HasAtMostDecimals(ReadOnlySpan<char> text, int maxDecimals)
    {
        var e = text.IndexOfAny('e', 'E');
        var exponent = 0;
        if (e >= 0 && !int.TryParse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
        {
            return false;
        }

        var mantissa = (e < 0 ? text : text[..e]).TrimStart("+-");
        var point = mantissa.IndexOf('.');
        var fraction = point < 0 ? 0 : mantissa.Length - point - 1;
        var digits = point < 0 ? mantissa : string.Concat(mantissa[..point], mantissa[(point + 1)..]).AsSpan();
        var trimmed = digits.TrimEnd('0');
        // The value is digits × 10^-(fraction - exponent); each trailing zero of the digits takes one decimal off.
        return trimmed.IsEmpty || (long)fraction - exponent - (digits.Length - trimmed.Length) <= maxDecimals;
    }

    /// <summary>
    /// Whether a decimal holds <paramref name="text"/> (digits, one '.', a sign) as written: at most
    /// <see cref="MaxSignificantDigits"/> significant digits, and as many decimals. Leading zeros and a fraction's
    /// trailing zeros do not count (<c>0012.50</c> has three).
    /// </summary>
    public static bool IsExact(ReadOnlySpan<char> text)
    {
        var mantissa = text.TrimStart("+-");
        var point = mantissa.IndexOf('.');
        var integer = (point < 0 ? mantissa : mantissa[..point]).TrimStart('0');
        var fraction = point < 0 ? ReadOnlySpan<char>.Empty : mantissa[(point + 1)..].TrimEnd('0');
        var significant = integer.IsEmpty ? fraction.TrimStart('0').Length : integer.Length + fraction.Length;
        return fraction.Length <= MaxSignificantDigits && significant <= MaxSignificantDigits;
    }
}
