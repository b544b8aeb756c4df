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

    public TrafficFigures Figures(TrafficLine line) => new(
        line.Clicks, line.Conversions, line.ConversionsByType, line.Rejected,
        line.RevenueOverflow ? null : Convert(line.Revenue, isCost: false),
        Convert(line.Cost, isCost: true));

    private decimal? Convert(Dictionary<(DateOnly Day, string? Currency), decimal> amounts, bool isCost)
    {
        decimal total = 0;
        var known = true;
        foreach (var ((day, code), amount) in amounts)
        {
            if (RatesUnavailable)
            {
                return null;
            }

            if (book is null)
            {
                if (mixed)
                {
                    missing.TryAdd((day, code), new RateLookup(day, code, null, NoBaseCurrency));
                    known = false;
                }
                else
                {
                    total += amount;
                }

                continue;
            }

            var converted = book.Convert(amount, code ?? (isCost ? book.BaseCurrency : null), day);
            if (converted.Amount is { } value)
            {
                total += value;
            }
            else
            {
                missing.TryAdd((day, code), converted.Lookup);
                known = false;
            }
        }

        return known ? total : null;
    }
}
