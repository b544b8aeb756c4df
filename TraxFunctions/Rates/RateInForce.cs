namespace Trax.Rates;

/// <summary>
/// The rate that converts <see cref="Currency"/> to <see cref="BaseCurrency"/> on <see cref="Day"/>: an amount times
/// <see cref="BaseUnits"/> divided by <see cref="CurrencyUnits"/>, both from one publication (that of
/// <see cref="PublishedOn"/>, per its own base), so a cross rate is never mixed from two days. A currency to itself
/// needs no publication (<see cref="PublishedOn"/> null, both units 1).
/// </summary>
public sealed record RateInForce(
    string Currency, string BaseCurrency, DateOnly Day, DateOnly? PublishedOn, decimal CurrencyUnits, decimal BaseUnits, string? Source)
{
    /// <summary>Converted amounts have 4 decimals, like payouts at intake.</summary>
    public const int Decimals = 4;

    /// <summary>Units of the base per unit of the currency, for people (conversions use the exact fraction).</summary>
    public decimal Rate => BaseUnits / CurrencyUnits;

    /// <summary>
    /// <paramref name="amount"/> in the base currency: amount × base units ÷ currency units in decimal arithmetic
    /// (one division, exact to 28 significant digits), rounded to <see cref="Decimals"/> decimals half to even. False
    /// only when the result is beyond decimal's range (an amount stored before intake bounded payouts).
    /// </summary>
    public bool TryConvert(decimal amount, out decimal converted)
    {
        try
        {
            converted = decimal.Round(amount * BaseUnits / CurrencyUnits, Decimals, MidpointRounding.ToEven);
            return true;
        }
        catch (OverflowException)
        {
            converted = 0;
            return false;
        }
    }
}
