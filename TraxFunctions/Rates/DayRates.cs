namespace Trax.Rates;

/// <summary>
/// One day's published rates: how many units of each currency one unit of <see cref="Base"/> buys (the ECB publishes
/// per euro, so <c>USD 1.0823</c> means 1 EUR = 1.0823 USD). The base itself is not listed; its rate is 1.
/// <see cref="Source"/> says where they came from: <c>put:json</c>, <c>put:csv</c>, <c>put:xml</c> (an operator), or
/// <c>fetch:</c> and the URL without its query (the timer).
/// </summary>
public sealed record DayRates(DateOnly Day, string Base, IReadOnlyDictionary<string, decimal> Rates, string Source)
{
    public const string PutSource = "put:";

    public const string FetchSource = "fetch:";

    public DateTimeOffset? StoredAt { get; init; }

    /// <summary>An operator put these: the timer leaves them alone.</summary>
    public bool IsPut => Source.StartsWith(PutSource, StringComparison.Ordinal);

    /// <summary>Units of <paramref name="currency"/> per unit of the base: 1 for the base, null when not published.</summary>
    public decimal? RateOf(string currency) =>
        currency == Base ? 1m : Rates.TryGetValue(currency, out var rate) ? rate : null;

    /// <summary>The same base and the same rates (wherever they came from).</summary>
    public bool SameRatesAs(DayRates other) =>
        Base == other.Base && Rates.Count == other.Rates.Count
        && Rates.All(r => other.Rates.TryGetValue(r.Key, out var rate) && rate == r.Value);
}
