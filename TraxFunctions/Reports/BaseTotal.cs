using Trax.Rates;

namespace Trax.Reports;

/// <summary>
/// A report's payouts in the base currency (<c>Trax__Reports__BaseCurrency</c>): each UTC receipt day's sum per
/// currency converted at that day's rate in force, rounded to 4 decimals half to even, then added up. A missing rate
/// is listed and leaves the total null (never guessed, never zero); a rates outage says so and fails nothing. The
/// counts are every conversion's, as in the report's totals, whether or not its amount could be converted.
/// </summary>
public sealed record BaseTotal(string Currency, Money Net, Money Rejected, IReadOnlyList<RateLookup> Missing, bool RatesUnavailable)
{
    /// <summary>True when every amount had a rate: only then are the amounts shown.</summary>
    public bool Complete => Missing.Count == 0 && !RatesUnavailable;

    /// <summary>
    /// Converts the sums of each (UTC day, currency): net and rejected payouts, each day's sum once (so rounding is per
    /// day and currency, not per conversion, and the total does not depend on how rows are grouped).
    /// </summary>
    public static BaseTotal From(RateBook rates, IReadOnlyDictionary<(DateOnly Day, string? Currency), Sums> sums)
    {
        var net = Money.Zero;
        var rejected = Money.Zero;
        var missing = new List<RateLookup>();
        foreach (var ((day, currency), daySums) in sums.OrderBy(s => s.Key.Day).ThenBy(s => s.Key.Currency, StringComparer.Ordinal))
        {
            // Only an amount needs a rate. Without one (no amount, or its rate missing) the sums are counted all the
            // same: the counts are the report's, only the amount is unknown.
            var hasAmount = daySums.Net.Payout is not null || daySums.Rejected.Payout is not null || daySums.Net.Overflow || daySums.Rejected.Overflow;
            var lookup = hasAmount ? rates.Find(day, currency) : null;
            if (lookup is { Found: false })
            {
                missing.Add(lookup);
            }

            var converts = lookup is { Found: true };
            net = net.Plus(converts ? Convert(rates, daySums.Net, currency, day) : CountOf(daySums.Net));
            rejected = rejected.Plus(converts ? Convert(rates, daySums.Rejected, currency, day) : CountOf(daySums.Rejected));
        }

        return new BaseTotal(rates.BaseCurrency, net, rejected, missing, false);
    }

    /// <summary>The rates could not be read: the counts stand, no amount can be made.</summary>
    public static BaseTotal Unavailable(string currency, IEnumerable<Sums> sums) =>
        new(currency, sums.Aggregate(Money.Zero, (total, s) => total.Plus(CountOf(s.Net))),
            sums.Aggregate(Money.Zero, (total, s) => total.Plus(CountOf(s.Rejected))), [], true);

    private static Money CountOf(Money money) => new(money.Conversions, null, false);

    private static Money Convert(RateBook rates, Money money, string? currency, DateOnly day)
    {
        if (money.Overflow)
        {
            return new Money(money.Conversions, null, true);
        }

        if (money.Payout is not { } payout)
        {
            return new Money(money.Conversions, null, false);
        }

        var converted = rates.Convert(payout, currency, day);
        return new Money(money.Conversions, converted.Amount, converted.Overflow);
    }
}
