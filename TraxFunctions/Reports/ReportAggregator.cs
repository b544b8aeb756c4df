using Trax.PostbackLog;

namespace Trax.Reports;

/// <summary>
/// Sums day-index rows into report rows: one per group (the requested dimensions) and currency, with the number of
/// conversions and the exact (decimal) sum of their payouts. A conversion without a payout is counted, not summed;
/// one without a currency is grouped under no currency. Sums are checked: payouts are bounded at intake, but a row
/// stored before that could make a sum overflow, and then that sum is reported as overflowed (never a wrong number,
/// never an error).
/// </summary>
public sealed class ReportAggregator(IReadOnlyList<string> groupBy)
{
    private readonly Dictionary<GroupKey, Sum> groups = [];

    public void Add(DayIndexEntry row)
    {
        var values = new string?[5];
        for (var i = 0; i < groupBy.Count; i++)
        {
            values[i] = groupBy[i] switch
            {
                "day" => row.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                "type" => row.Type,
                "network" => row.Network,
                "program" => row.Program,
                "campaign" => row.Campaign,
                _ => throw new ArgumentOutOfRangeException(nameof(groupBy), groupBy[i], "Unknown report dimension."),
            };
        }

        var key = new GroupKey(values[0], values[1], values[2], values[3], values[4], row.Currency);
        groups.TryGetValue(key, out var sum);
        groups[key] = sum.Add(new Sum(1, row.Payout, false));
    }

    public ReportResult Result(ReportRequest request)
    {
        var rows = groups
            .Select(g => new ReportRow(g.Key.Values(groupBy.Count), g.Key.Currency, g.Value.Conversions, g.Value.Payout, g.Value.Overflow))
            .OrderBy(r => r, RowOrder.Instance)
            .ToList();
        var totals = rows
            .GroupBy(r => r.Currency)
            .Select(currency =>
            {
                var sum = currency.Aggregate(default(Sum), (total, r) => total.Add(new Sum(r.Conversions, r.Payout, r.PayoutOverflow)));
                return new ReportTotal(currency.Key, sum.Conversions, sum.Payout, sum.Overflow);
            })
            .OrderBy(t => t.Currency, StringComparer.Ordinal)
            .ToList();
        return new ReportResult(request, rows, totals, rows.Sum(r => r.Conversions));
    }

    private readonly record struct GroupKey(string? D0, string? D1, string? D2, string? D3, string? D4, string? Currency)
    {
        public IReadOnlyList<string?> Values(int count) => new[] { D0, D1, D2, D3, D4 }[..count];
    }

    /// <summary>A count and a payout sum; once a sum overflows it stays overflowed (and carries no amount).</summary>
    private readonly record struct Sum(long Conversions, decimal? Payout, bool Overflow)
    {
        public Sum Add(Sum other)
        {
            var overflow = Overflow || other.Overflow;
            decimal? payout = null;
            if (!overflow)
            {
                try
                {
                    payout = Payout is null ? other.Payout : other.Payout is null ? Payout : checked(Payout.Value + other.Payout.Value);
                }
                catch (OverflowException)
                {
                    overflow = true;
                }
            }

            return new Sum(checked(Conversions + other.Conversions), payout, overflow);
        }
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

/// <summary>One group and currency: its conversions and the sum of their payouts (null when none had one, or it overflowed).</summary>
public sealed record ReportRow(IReadOnlyList<string?> Dimensions, string? Currency, long Conversions, decimal? Payout, bool PayoutOverflow = false);

public sealed record ReportTotal(string? Currency, long Conversions, decimal? Payout, bool PayoutOverflow = false);

public sealed record ReportResult(ReportRequest Request, IReadOnlyList<ReportRow> Rows, IReadOnlyList<ReportTotal> Totals, long Conversions);
