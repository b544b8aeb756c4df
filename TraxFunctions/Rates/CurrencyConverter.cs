using Azure;
using Trax.Http;
using Trax.Input;

namespace Trax.Rates;

/// <summary>
/// What reports convert with: the base currency setting (<c>Trax__Reports__BaseCurrency</c>; empty: none) and the
/// rates of a range of days in one query, as a <see cref="RateBook"/>.
/// </summary>
public sealed class CurrencyConverter(RateStore store, IOptions<CurrencyOptions> options)
{
    /// <summary>
    /// How many days before a day its rates may come from: the ECB skips weekends and TARGET holidays (at most four
    /// days in a row, at Easter), so a week also covers a missed fetch or two.
    /// </summary>
    public const int MaxAgeDays = 7;

    /// <summary>The configured base currency, upper case; null when reports convert nothing.</summary>
    public string? BaseCurrency { get; } = CurrencyCode.Normalize(options.Value.BaseCurrency);

    /// <summary>The rates of <paramref name="from"/> to <paramref name="to"/> against the configured base currency.</summary>
    public Task<RateBook> LoadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        LoadAsync(BaseCurrency ?? throw new InvalidOperationException("No base currency is set (Trax__Reports__BaseCurrency)."), from, to, cancellationToken);

    /// <summary>
    /// The rates as <see cref="LoadAsync(DateOnly, DateOnly, CancellationToken)"/> reads them, or null when the Rates
    /// table cannot be read: a rates outage fails no report, which then says its money could not be converted. A
    /// timeout or a dropped connection ends the SDK's retries as an AggregateException, not a RequestFailedException.
    /// </summary>
    public async Task<RateBook?> TryLoadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        try
        {
            return await LoadAsync(from, to, cancellationToken);
        }
        catch (Exception ex) when (ex is RequestFailedException || StorageFault.Is(ex, cancellationToken))
        {
            return null;
        }
    }

    /// <summary>
    /// The rates of <paramref name="from"/> to <paramref name="to"/> (UTC days, both included) against
    /// <paramref name="baseCurrency"/>: one query over the stored days from <see cref="MaxAgeDays"/> before
    /// <paramref name="from"/>. Storage faults propagate (the caller answers 503 or says the rates are missing).
    /// </summary>
    public async Task<RateBook> LoadAsync(string baseCurrency, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var first = from.DayNumber - MaxAgeDays < QueryReader.FirstDay.DayNumber ? QueryReader.FirstDay : from.AddDays(-MaxAgeDays);
        var stored = await store.ListAsync(first, to, cancellationToken);
        return new RateBook(baseCurrency, from, to, stored.Select(s => s.Rates));
    }
}
