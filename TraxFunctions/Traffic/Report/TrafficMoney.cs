using Trax.Reports;
using Trax.Rates;

namespace Trax.Traffic;

/// <summary>
/// Turns a line's amounts by (UTC day, currency) into the report's currency: with a base currency, each day's sum per
/// currency at that day's rate in force (a cost without a currency is in the base currency); without one, amounts are
/// summed as they are only when they all share one currency. A missing rate makes the amount null and is remembered.
/// </summary>
public sealed class TrafficMoney(string? currency, RateBook? book, bool mixed, bool ratesUnavailable)
{
    /// <summary>Named when amounts of several currencies meet and no base currency is set to convert them to.</summary>
    public const string NoBaseCurrency = "no-base-currency";

    private readonly Dictionary<(DateOnly, string?), RateLookup> missing = [];

    public string? Currency { get; } = currency;

    public bool RatesUnavailable { get; } = ratesUnavailable;

    public IReadOnlyList<RateLookup> Missing => [.. missing.Values.OrderBy(m => m.Day).ThenBy(m => m.Currency, StringComparer.Ordinal)];

    public TrafficFigures Figures(TrafficLine line)
    {
        var (revenue, revenueMissing) = line.RevenueOverflow ? (null, BaseCsv.Overflow) : Convert(line.Revenue, isCost: false);
        var (cost, costMissing) = Convert(line.Cost, isCost: true);
        return new(line.Clicks, line.Conversions, line.ConversionsByType, line.Rejected, revenue, cost, revenueMissing, costMissing);
    }

    /// <summary>The amounts in the report's currency, or null and why not.</summary>
    private (decimal? Amount, string? Missing) Convert(Dictionary<(DateOnly Day, string? Currency), decimal> amounts, bool isCost)
    {
        decimal total = 0;
        string? why = null;
        foreach (var ((day, code), amount) in amounts)
        {
            if (RatesUnavailable)
            {
                // An amount already in the report's currency needs no rate (a cost without one is in it too).
                if (string.Equals(code ?? (isCost ? Currency : null), Currency, StringComparison.Ordinal))
                {
                    Add(amount);
                }
                else
                {
                    why = BaseCsv.RatesUnavailable;
                }

                continue;
            }

            if (book is null)
            {
                if (mixed)
                {
                    missing.TryAdd((day, code), new RateLookup(day, code, null, NoBaseCurrency));
                    why = NoBaseCurrency;
                }
                else
                {
                    Add(amount);
                }

                continue;
            }

            var converted = book.Convert(amount, code ?? (isCost ? book.BaseCurrency : null), day);
            if (converted.Amount is { } value)
            {
                Add(value);
            }
            else if (converted.Overflow)
            {
                // The rate is there; the amount at it is beyond a decimal: not a missing rate.
                why ??= BaseCsv.Overflow;
            }
            else
            {
                missing.TryAdd((day, code), converted.Lookup);
                why ??= BaseCsv.MissingRate;
            }
        }

        return why is null ? (total, null) : (null, why);

        // Days that each fit can still overflow together (only rows stored before payouts were bounded): said, never thrown.
        void Add(decimal amount)
        {
            try
            {
                total += amount;
            }
            catch (OverflowException)
            {
                why ??= BaseCsv.Overflow;
            }
        }
    }
}
