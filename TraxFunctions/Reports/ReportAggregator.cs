using Trax.Core;
using Trax.PostbackLog;
using Trax.Rollups;

namespace Trax.Reports;

/// <summary>
/// Sums day-index rows into report rows: one per group (the requested dimensions) and currency, counting each
/// conversion under its current status, and the totals per currency by attribution. A row's conversions and payout are net of rejections (approved and pending);
/// rejected conversions are counted beside them. A conversion without a payout is counted, not summed; one without a
/// currency is grouped under no currency. Sums are checked: payouts are bounded at intake, but a row stored before
/// that could make a sum overflow, and then that sum is reported as overflowed (never a wrong number, never an error).
/// </summary>
public sealed class ReportAggregator(IReadOnlyList<string> groupBy)
{
    private readonly (bool Type, bool Network, bool Program, bool Campaign) reads =
        (groupBy.Contains("type"), groupBy.Contains("network"), groupBy.Contains("program"), groupBy.Contains("campaign"));

    private readonly Dictionary<GroupKey, Sums> groups = [];
    private readonly Dictionary<(string? Currency, string Attribution), Sums> attributions = [];

    public void Add(DayIndexEntry row) =>
        Add(row.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            new RollupGroup(row.Type, row.Network, row.Program, row.Campaign, row.Status, row.Attribution, row.Currency),
            new Money(1, row.Payout, false));

    /// <summary>Adds <paramref name="money"/> (one conversion, or a rollup's count and sum) of a group on a (zone) day.</summary>
    public void Add(string day, RollupGroup row, Money money)
    {
        var values = new string?[7];
        for (var i = 0; i < groupBy.Count; i++)
        {
            values[i] = groupBy[i] switch
            {
                "day" => day,
                "type" => row.Type,
                "network" => row.Network,
                "program" => row.Program,
                "campaign" => row.Campaign,
                "status" => row.Status,
                "attribution" => row.Attribution,
                _ => throw new ArgumentOutOfRangeException(nameof(groupBy), groupBy[i], "Unknown report dimension."),
            };
        }

        var key = new GroupKey(values[0], values[1], values[2], values[3], values[4], values[5], values[6], row.Currency);
        var status = ConversionStatusNames.ParseStored(row.Status);
        groups[key] = groups.GetValueOrDefault(key, Sums.Zero).Add(status, money);
        attributions[(row.Currency, row.Attribution)] = attributions.GetValueOrDefault((row.Currency, row.Attribution), Sums.Zero).Add(status, money);
    }

    /// <summary>
    /// <paramref name="group"/> with what this aggregator does not read blanked: the dimensions it does not group by.
    /// Status, attribution and currency always count (the sums, the totals by attribution, the rows' currency).
    /// </summary>
    public RollupGroup Blank(RollupGroup group) => new(
        reads.Type ? group.Type : "",
        reads.Network ? group.Network : null,
        reads.Program ? group.Program : null,
        reads.Campaign ? group.Campaign : null,
        group.Status,
        group.Attribution,
        group.Currency);

    public ReportResult Result(ReportRequest request)
    {
        var rows = groups
            .Select(g => new ReportRow(g.Key.Values(groupBy.Count), g.Key.Currency, g.Value))
            .OrderBy(r => r, RowOrder.Instance)
            .ToList();
        var totals = rows
            .GroupBy(r => r.Currency)
            .Select(currency => new ReportTotal(currency.Key, currency.Aggregate(Sums.Zero, (total, r) => total.Plus(r.Sums)))
            {
                ByAttribution = Attributions.All.ToDictionary(a => a, a => attributions.GetValueOrDefault((currency.Key, a), Sums.Zero)),
            })
            .OrderBy(t => t.Currency, StringComparer.Ordinal)
            .ToList();
        return new ReportResult(request, rows, totals, rows.Sum(r => r.Sums.Net.Conversions));
    }

    private readonly record struct GroupKey(string? D0, string? D1, string? D2, string? D3, string? D4, string? D5, string? D6, string? Currency)
    {
        public IReadOnlyList<string?> Values(int count) => new[] { D0, D1, D2, D3, D4, D5, D6 }[..count];
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
