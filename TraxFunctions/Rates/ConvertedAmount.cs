namespace Trax.Rates;

/// <summary>
/// An amount in the base currency, or null with the reason: the rate is missing (<see cref="RateLookup.Missing"/>),
/// or the result overflowed. A missing rate is never a zero.
/// </summary>
public readonly record struct ConvertedAmount(decimal? Amount, RateLookup Lookup, bool Overflow);
