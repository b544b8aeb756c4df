using Trax.Input;

namespace Trax.Rates;

/// <summary>
/// Makes one day's <see cref="DayRates"/> from what a file lists, whatever its format, or says what is wrong with
/// it: the first problem found, in the file's order. Codes are upper-cased; the base's own rate may be listed as 1.
/// </summary>
public static class RateSet
{
    /// <param name="entries">Each currency as written and its rate, null when the rate was not a number.</param>
    public static (DayRates? Rates, Rejection? Rejection) Build(
        DateOnly day, string? baseText, IEnumerable<(string Currency, decimal? Rate)> entries, string source)
    {
        if (CurrencyCode.Normalize(baseText) is not { } baseCurrency)
        {
            return (null, RateRejections.InvalidBase);
        }

        var rates = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var seenBase = false;
        foreach (var (text, rate) in entries)
        {
            if (CurrencyCode.Normalize(text) is not { } currency)
            {
                return (null, RateRejections.InvalidCurrency(InputValues.Printable(text, 16) ?? ""));
            }

            if (rates.ContainsKey(currency) || (currency == baseCurrency && seenBase))
            {
                return (null, RateRejections.DuplicateCurrency(currency));
            }

            if (currency == baseCurrency)
            {
                if (rate != 1m)
                {
                    return (null, RateRejections.InvalidRate(currency));
                }

                seenBase = true;
                continue;
            }

            if (rate is not { } value || !RateValues.IsValid(value))
            {
                return (null, RateRejections.InvalidRate(currency));
            }

            if (rates.Count == RateValues.MaxCurrencies)
            {
                return (null, RateRejections.TooManyRates);
            }

            rates[currency] = value;
        }

        return rates.Count == 0 ? (null, RateRejections.NoRates) : (new DayRates(day, baseCurrency, rates, source), null);
    }
}
