namespace Trax.Rates;

/// <summary>Why an amount could not be converted: stable codes that reports show beside the amount, never a guess.</summary>
public static class RateMissing
{
    /// <summary>No rates are stored for the day, nor for the <see cref="CurrencyConverter.MaxAgeDays"/> days before it.</summary>
    public const string NoRates = "no-rates";

    /// <summary>The publication in force has no rate for the amount's currency.</summary>
    public const string CurrencyNotPublished = "currency-not-published";

    /// <summary>The publication in force has no rate for the base currency (cross rates go through the stored base).</summary>
    public const string BaseNotPublished = "base-not-published";

    /// <summary>The amount has no currency, or not a three-letter code.</summary>
    public const string NoCurrency = "no-currency";

    public static IReadOnlyList<string> All { get; } = [NoRates, CurrencyNotPublished, BaseNotPublished, NoCurrency];
}
