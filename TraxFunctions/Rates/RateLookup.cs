namespace Trax.Rates;

/// <summary>The rate in force for a day and a currency, or why there is none (<see cref="RateMissing"/>).</summary>
public sealed record RateLookup(DateOnly Day, string? Currency, RateInForce? Rate, string? Missing)
{
    public bool Found => Rate is not null;
}
