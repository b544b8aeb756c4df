using Azure.Data.Tables;
using Trax.Input;

namespace Trax.Rates;

/// <summary>
/// A day's rates as one Rates entity: partition = year, row = day (<see cref="RateKeys.RatesRow"/>), <c>Base</c>,
/// <c>Source</c>, <c>StoredAt</c>, and one text property per currency (<c>USD = "1.0823"</c>: exact decimal text,
/// never a double). One entity per day makes replacing a day atomic (a Replace drops the currencies it no longer
/// lists) and a range of days one query. Three-letter codes never meet the other property names.
/// </summary>
internal static class RatesEntity
{
    public const string BaseProperty = "Base";

    public const string SourceProperty = "Source";

    public const string StoredAtProperty = "StoredAt";

    public static TableEntity From(DayRates rates, DateTimeOffset storedAt)
    {
        var entity = new TableEntity(RateKeys.RatesPartition(rates.Day), RateKeys.RatesRow(rates.Day))
        {
            [BaseProperty] = rates.Base,
            [SourceProperty] = rates.Source,
            [StoredAtProperty] = storedAt,
        };
        foreach (var (currency, rate) in rates.Rates)
        {
            entity[currency] = RateValues.Format(rate);
        }

        return entity;
    }

    /// <summary>
    /// The day's rates; a property that is not a currency with a readable rate is skipped (a currency missing is
    /// reported as missing, never guessed). Null for a row that is not a day's rates.
    /// </summary>
    public static DayRates? ToRates(TableEntity entity)
    {
        if (RateKeys.RatesDay(entity.RowKey) is not { } day || CurrencyCode.Normalize(entity.GetString(BaseProperty)) is not { } baseCurrency)
        {
            return null;
        }

        var rates = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (name, value) in entity)
        {
            if (name.Length == 3 && CurrencyCode.Normalize(name) == name && value is string text && RateValues.TryParse(text, out var rate) && RateValues.IsValid(rate))
            {
                rates[name] = rate;
            }
        }

        return new DayRates(day, baseCurrency, rates, entity.GetString(SourceProperty) ?? "") { StoredAt = entity.GetDateTimeOffset(StoredAtProperty) };
    }
}
