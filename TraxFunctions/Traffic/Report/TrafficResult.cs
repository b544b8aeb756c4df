using Trax.Rates;

namespace Trax.Traffic;

/// <summary>
/// A traffic report: its rows and totals in <see cref="Currency"/> (the base currency; without one, the one currency
/// every amount had), the rates that were missing, and the uploaded cost no row could hold (the report does not group
/// by that cost's campaign, link or source: it is in the totals and, in the CSV, which has no totals, a row of its own).
/// </summary>
public sealed record TrafficResult(
    TrafficRequest Request,
    string? Currency,
    IReadOnlyList<(IReadOnlyList<string?> Dimensions, TrafficFigures Figures)> Rows,
    TrafficFigures Totals,
    TrafficFigures? Unallocated,
    IReadOnlyList<RateLookup> MissingRates,
    bool RatesUnavailable);
