namespace Trax.Rates;

/// <summary>A day's rates as read from the table, with the version a conditional write must match.</summary>
public sealed record StoredRates(DayRates Rates, string Version);
