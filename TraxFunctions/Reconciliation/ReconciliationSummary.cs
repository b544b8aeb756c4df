namespace Trax.Reconciliation;

/// <summary>
/// A reconciliation as a whole: what was asked (network, period, zone, mapping) and, per category, how many rows,
/// how many of them are export rows and Trax conversions of the period, and their amounts per currency. The export
/// rows of the categories add up to <see cref="ExportRows"/>, and their Trax conversions to <see cref="TraxConversions"/>.
/// </summary>
public sealed record ReconciliationSummary
{
    public required string Id { get; init; }

    public required string Network { get; init; }

    public required string From { get; init; }

    public required string To { get; init; }

    public required string TimeZone { get; init; }

    /// <summary>The period as UTC instants: [start, end).</summary>
    public required DateTimeOffset Start { get; init; }

    public required DateTimeOffset End { get; init; }

    public required ExportMapping Mapping { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The reconciliation this one ran again, if it is a re-run.</summary>
    public string? RerunOf { get; init; }

    public required int ExportRows { get; init; }

    public required int TraxConversions { get; init; }

    public required IReadOnlyList<CategoryTotal> Categories { get; init; }

    /// <summary>Rows only in the export, by reason (<see cref="MissingReasons"/>), and refusals by their reason code.</summary>
    public required IReadOnlyDictionary<string, int> Reasons { get; init; }

    public required IReadOnlyDictionary<string, int> RefusalReasons { get; init; }

    /// <summary>False when the queue held more than could be peeked: a row said to have never arrived may still be queued.</summary>
    public bool QueueComplete { get; init; } = true;

    /// <summary>
    /// False when the log held more refused postbacks than a run reads (<see cref="ReconciliationOptions.RefusalReadCap"/>):
    /// the refused counts are then at least, and a row said never to have arrived may have been refused. A summary
    /// stored before the read was bounded has none, and read every refusal: true. A setter, not init: the JSON source
    /// generator sets every init property it does not find to its default (false), over this initializer.
    /// </summary>
    public bool RefusalsComplete { get; set; } = true;

    public static IReadOnlyList<CategoryTotal> Totals(IReadOnlyList<ReconciliationRow> rows) =>
    [
        .. ReconciliationCategories.All.Select(category =>
        {
            var of = rows.Where(r => r.Category == category).ToList();
            return new CategoryTotal(
                category,
                of.Count,
                of.Count(r => r.Line is not null),
                of.Count(r => r.TraxInPeriod),
                Sums(of.Where(r => r.Line is not null && r.ExportAmount is not null).Select(r => (r.ExportCurrency, r.ExportAmount!.Value))),
                Sums(of.Where(r => r.TraxInPeriod && r.TraxAmount is not null).Select(r => (r.TraxCurrency, r.TraxAmount!.Value))));
        }),
    ];

    private static IReadOnlyList<CurrencyAmount> Sums(IEnumerable<(string? Currency, decimal Amount)> amounts) =>
        [.. amounts.GroupBy(a => a.Currency ?? "").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new CurrencyAmount(g.Key, g.Sum(a => a.Amount)))];
}

/// <summary>
/// One category's totals: its rows, the export rows and Trax conversions (of the period) among them, and their
/// amounts per currency.
/// </summary>
public sealed record CategoryTotal(
    string Category,
    int Rows,
    int ExportRows,
    int TraxConversions,
    IReadOnlyList<CurrencyAmount> ExportAmounts,
    IReadOnlyList<CurrencyAmount> TraxAmounts);

/// <summary>A sum of amounts in one currency (<c>""</c>: rows that gave none).</summary>
public sealed record CurrencyAmount(string Currency, decimal Amount);
