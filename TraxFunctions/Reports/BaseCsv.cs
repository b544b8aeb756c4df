using System.Globalization;

namespace Trax.Reports;

/// <summary>
/// The base-currency columns of a report's CSV, written only when <c>Trax__Reports__BaseCurrency</c> is set (so a CSV
/// without one keeps its columns): <c>baseCurrency</c>, <c>basePayout</c>, <c>baseRejectedPayout</c>. An amount that
/// cannot be made is a word, never an empty or zero cell: <c>missing-rate</c> (a day and currency of the row has no
/// rate; the JSON's <c>base.missingRates</c> names them), <c>rates-unavailable</c> (the rates could not be read),
/// <c>overflow</c>. An empty amount is a row without payouts, as in <c>payout</c>.
/// </summary>
public static class BaseCsv
{
    public const string MissingRate = "missing-rate";

    public const string RatesUnavailable = "rates-unavailable";

    /// <summary>An amount beyond what a decimal holds: also the word of the payout columns and the traffic report.</summary>
    public const string Overflow = "overflow";

    public static IReadOnlyList<string> Header { get; } = ["baseCurrency", "basePayout", "baseRejectedPayout"];

    public static IEnumerable<CsvField> Fields(BaseTotal total, IReadOnlyDictionary<string, BaseTotal>? rows, ReportRow row)
    {
        if (total.RatesUnavailable || rows is null)
        {
            return [CsvField.Text(total.Currency), CsvField.Number(RatesUnavailable), CsvField.Number(RatesUnavailable)];
        }

        if (!rows.TryGetValue(RowBaseTotals.KeyOf(row), out var inBase))
        {
            // A row with no sums on any day: nothing to convert.
            return [CsvField.Text(total.Currency), CsvField.Number(null), CsvField.Number(null)];
        }

        return [CsvField.Text(total.Currency), CsvField.Number(Amount(inBase, inBase.Net)), CsvField.Number(Amount(inBase, inBase.Rejected))];
    }

    private static string? Amount(BaseTotal inBase, Money money) =>
        !inBase.Complete ? MissingRate
        : money.Overflow ? Overflow
        : money.Payout?.ToString(CultureInfo.InvariantCulture);
}
