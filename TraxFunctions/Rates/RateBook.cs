using Trax.Input;

namespace Trax.Rates;

/// <summary>
/// The rates of a range of days, loaded at once (<see cref="CurrencyConverter.LoadAsync(DateOnly, DateOnly, CancellationToken)"/>),
/// converting to one base currency. The rate in force on a day is that of the latest publication dated that day or
/// up to <see cref="CurrencyConverter.MaxAgeDays"/> days before (weekends and holidays take the last working day's);
/// if that publication lacks a currency, the currency is missing that day (an older publication is not searched: that
/// would be a guess). Days are UTC days; a conversion takes the UTC day it was received (<see cref="RateDay"/>), so
/// its rate does not depend on the zone a report is read in.
/// </summary>
public sealed class RateBook
{
    private readonly DayRates[] publications;
    private readonly DateOnly[] days;

    public RateBook(string baseCurrency, DateOnly from, DateOnly to, IEnumerable<DayRates> publications)
    {
        BaseCurrency = CurrencyCode.Normalize(baseCurrency) ?? throw new ArgumentException($"'{baseCurrency}' is not a currency code.", nameof(baseCurrency));
        From = from;
        To = to;
        this.publications = [.. publications.OrderBy(p => p.Day)];
        days = [.. this.publications.Select(p => p.Day)];
    }

    public string BaseCurrency { get; }

    public DateOnly From { get; }

    public DateOnly To { get; }

    /// <summary>The day whose rate a conversion received at <paramref name="receivedAt"/> takes: its UTC day.</summary>
    public static DateOnly RateDay(DateTimeOffset receivedAt) => DateOnly.FromDateTime(receivedAt.UtcDateTime);

    /// <summary>The publication in force on <paramref name="day"/>, or null when none is recent enough.</summary>
    public DayRates? PublicationFor(DateOnly day)
    {
        CheckLoaded(day);
        var index = Array.BinarySearch(days, day);
        var latest = index >= 0 ? index : ~index - 1;
        return latest >= 0 && publications[latest].Day.DayNumber >= day.DayNumber - CurrencyConverter.MaxAgeDays ? publications[latest] : null;
    }

    public RateLookup Find(DateOnly day, string? currency)
    {
        CheckLoaded(day);
        if (CurrencyCode.Normalize(currency) is not { } code)
        {
            return new RateLookup(day, currency, null, RateMissing.NoCurrency);
        }

        if (code == BaseCurrency)
        {
            return new RateLookup(day, code, new RateInForce(code, BaseCurrency, day, null, 1m, 1m, null), null);
        }

        if (PublicationFor(day) is not { } publication)
        {
            return new RateLookup(day, code, null, RateMissing.NoRates);
        }

        if (publication.RateOf(code) is not { } currencyUnits)
        {
            return new RateLookup(day, code, null, RateMissing.CurrencyNotPublished);
        }

        if (publication.RateOf(BaseCurrency) is not { } baseUnits)
        {
            return new RateLookup(day, code, null, RateMissing.BaseNotPublished);
        }

        return new RateLookup(day, code, new RateInForce(code, BaseCurrency, day, publication.Day, currencyUnits, baseUnits, publication.Source), null);
    }

    /// <summary><paramref name="amount"/> of <paramref name="currency"/> on <paramref name="day"/>, in the base currency (see <see cref="RateInForce.TryConvert"/>).</summary>
    public ConvertedAmount Convert(decimal amount, string? currency, DateOnly day)
    {
        var lookup = Find(day, currency);
        if (lookup.Rate is not { } rate)
        {
            return new ConvertedAmount(null, lookup, false);
        }

        return rate.TryConvert(amount, out var converted) ? new ConvertedAmount(converted, lookup, false) : new ConvertedAmount(null, lookup, true);
    }

    private void CheckLoaded(DateOnly day)
    {
        if (day < From || day > To)
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, $"The rates were loaded for {From:yyyy-MM-dd} to {To:yyyy-MM-dd}.");
        }
    }
}
