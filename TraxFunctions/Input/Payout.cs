using System.Globalization;

namespace Trax.Input;

/// <summary>
/// A payout as Trax accepts it: a decimal with '.' as separator, within ±<see cref="MaxAbsolute"/>, with at most
/// <see cref="MaxDecimals"/> significant decimals. The bound keeps every sum a report can make far inside decimal's range.
/// </summary>
public static class Payout
{
    public const decimal MaxAbsolute = 1_000_000_000_000m;

    public const int MaxDecimals = 4;

    private const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    /// <summary>"12.30000" is 12.3 and passes; "12.34567" does not.</summary>
    public static bool TryParse(string text, out decimal payout) =>
        decimal.TryParse(text, Style, CultureInfo.InvariantCulture, out payout)
        && Math.Abs(payout) <= MaxAbsolute
        && DecimalText.HasAtMostDecimals(text, MaxDecimals); // on the text: parsing rounds past 28 digits

    public static string Format(decimal payout) => payout.ToString(CultureInfo.InvariantCulture);

    /// <summary>An amount as a table stores it: exact invariant text (no decimal column type), null for none.</summary>
    public static string? FormatStored(decimal? payout) => payout is { } value ? Format(value) : null;

    /// <summary>Reads a payout stored as text by this or an earlier version (earlier ones did not bound it).</summary>
    public static decimal? ParseStored(string? text) =>
        decimal.TryParse(text, Style, CultureInfo.InvariantCulture, out var value) ? value : null;
}
