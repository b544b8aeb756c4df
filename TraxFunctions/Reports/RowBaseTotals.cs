using Trax.Rates;

namespace Trax.Reports;

/// <summary>
/// Each report row's payouts in the base currency, made as the report's base total is (<see cref="BaseTotal"/>): the
/// row's sums of each UTC receipt day converted at that day's rate in force and rounded to 4 decimals, then added.
/// A row whose day lacks a rate has no base amount (its missing rates named), never a guessed or zero one. Rounding is
/// per row, UTC day and currency, so the rows' base amounts may differ from the base total in the last decimal.
/// </summary>
public sealed class RowBaseTotals(IReadOnlyList<string> groupBy)
{
    private readonly Dictionary<DateOnly, ReportAggregator> byRateDay = [];

    /// <summary>Adds what <see cref="ReportAggregator.Add(string, Rollups.RollupGroup, Money)"/> adds, under its UTC rate day.</summary>
    public void Add(DateOnly rateDay, string day, Rollups.RollupGroup group, Money money)
    {
        if (!byRateDay.TryGetValue(rateDay, out var aggregator))
        {
            byRateDay[rateDay] = aggregator = new ReportAggregator(groupBy);
        }

        aggregator.Add(day, group, money);
    }

    /// <summary>Each row's base total, by <see cref="KeyOf"/>.</summary>
    public IReadOnlyDictionary<string, BaseTotal> Convert(RateBook rates, ReportRequest request)
    {
        var sums = new Dictionary<string, Dictionary<(DateOnly Day, string? Currency), Sums>>(StringComparer.Ordinal);
        foreach (var (day, aggregator) in byRateDay)
        {
            foreach (var row in aggregator.Result(request).Rows)
            {
                var key = KeyOf(row);
                if (!sums.TryGetValue(key, out var days))
                {
                    sums[key] = days = [];
                }

                days[(day, row.Currency)] = row.Sums;
            }
        }

        return sums.ToDictionary(s => s.Key, s => BaseTotal.From(rates, s.Value), StringComparer.Ordinal);
    }

    /// <summary>A row's identity: its dimensions and currency (a separator no dimension holds; null apart from empty).</summary>
    public static string KeyOf(ReportRow row) =>
        string.Join('\u001f', row.Dimensions.Append(row.Currency).Select(v => v is null ? "\u0000" : v));
}
