using System.Globalization;
using Trax.PostbackLog;

namespace Trax.Reports;

/// <summary>
/// Sums day-index rows into report rows: one per group (the requested dimensions) and currency, with the number
/// of conversions and the exact (decimal) sum of their payouts. A conversion without a payout is counted, not
/// summed; one without a currency is grouped under no currency.
/// </summary>
public sealed class ReportAggregator(IReadOnlyList<string> groupBy)
{
    private readonly Dictionary<GroupKey, Sum> groups = [];

    public void Add(ConversionDayEntity row)
    {
        var values = new string?[5];
        for (var i = 0; i < groupBy.Count; i++)
        {
            values[i] = groupBy[i] switch
            {
                "day" => row.Day,
                "type" => row.Type,
                "network" => row.Network,
                "program" => row.Program,
                "campaign" => row.Campaign,
                _ => throw new ArgumentOutOfRangeException(nameof(groupBy), groupBy[i], "Unknown report dimension."),
            };
        }

        var key = new GroupKey(values[0], values[1], values[2], values[3], values[4], row.Currency);
        groups.TryGetValue(key, out var sum);
        groups[key] = sum.Add(ParsePayout(row.Payout));
    }

    public ReportResult Result(ReportRequest request)
    {
        var rows = groups
            .Select(g => new ReportRow(g.Key.Values(groupBy.Count), g.Key.Currency, g.Value.Conversions, g.Value.Payout))
            .OrderBy(r => r, RowOrder.Instance)
            .ToList();
        var totals = rows
            .GroupBy(r => r.Currency)
            .Select(c => new ReportTotal(c.Key, c.Sum(r => r.Conversions), c.Aggregate((decimal?)null, (s, r) => Sum.Plus(s, r.Payout))))
            .OrderBy(t => t.Currency, StringComparer.Ordinal)
            .ToList();
        return new ReportResult(request, rows, totals, rows.Sum(r => r.Conversions));
    }

    private static decimal? ParsePayout(string? payout) =>
        decimal.TryParse(payout, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private readonly record struct GroupKey(string? D0, string? D1, string? D2, string? D3, string? D4, string? Currency)
    {
        public IReadOnlyList<string?> Values(int count) => new[] { D0, D1, D2, D3, D4 }[..count];
    }

    private readonly record struct Sum(long Conversions, decimal? Payout)
    {
        public Sum Add(decimal? payout) => new(Conversions + 1, Plus(Payout, payout));

        public static decimal? Plus(decimal? a, decimal? b) => a is null ? b : b is null ? a : a + b;
    }

    /// <summary>Dimensions left to right, then currency; ordinal, no value (null) first.</summary>
    private sealed class RowOrder : IComparer<ReportRow>
    {
        public static RowOrder Instance { get; } = new();

        public int Compare(ReportRow? x, ReportRow? y)
        {
            for (var i = 0; i < x!.Dimensions.Count; i++)
            {
                var c = string.CompareOrdinal(x.Dimensions[i], y!.Dimensions[i]);
                if (c != 0)
                {
                    return c;
                }
            }

            return string.CompareOrdinal(x.Currency, y!.Currency);
        }
    }
}

/// <summary>One group and currency: its conversions and the sum of their payouts (null when none had one).</summary>
public sealed record ReportRow(IReadOnlyList<string?> Dimensions, string? Currency, long Conversions, decimal? Payout);

public sealed record ReportTotal(string? Currency, long Conversions, decimal? Payout);

public sealed record ReportResult(ReportRequest Request, IReadOnlyList<ReportRow> Rows, IReadOnlyList<ReportTotal> Totals, long Conversions);
