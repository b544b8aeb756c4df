using Trax.Core;

namespace Trax.Reports;

/// <summary>One group and currency, and its money by status.</summary>
public sealed record ReportRow(IReadOnlyList<string?> Dimensions, string? Currency, Sums Sums);

/// <summary>One currency's money by status, and by attribution (each of <see cref="Attributions.All"/>, zero included).</summary>
public sealed record ReportTotal(string? Currency, Sums Sums)
{
    public IReadOnlyDictionary<string, Sums> ByAttribution { get; init; } = new Dictionary<string, Sums>();
}

/// <summary>The report: its rows, its totals per currency, and how many conversions count (net of rejections).</summary>
public sealed record ReportResult(ReportRequest Request, IReadOnlyList<ReportRow> Rows, IReadOnlyList<ReportTotal> Totals, long Conversions)
{
    /// <summary>The totals in the base currency, when one is set.</summary>
    public BaseTotal? Base { get; init; }

    /// <summary>Each row's base total by <see cref="RowBaseTotals.KeyOf"/>, when a base currency is set and rates could be read.</summary>
    public IReadOnlyDictionary<string, BaseTotal>? RowBases { get; init; }
}
