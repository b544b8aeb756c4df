using System.Globalization;
using System.Text;
using Trax.Reports;
using Trax.Zones;

namespace Trax.Reconciliation;

/// <summary>
/// A reconciliation's rows as RFC 4180 CSV, written with the report's writer: every text cell that a spreadsheet
/// would run as a formula (<see cref="Csv.EscapeFormula"/>) gets a leading <c>'</c>, because the export's
/// values are the network's and Trax's values are what postbacks sent; the numbers and times Trax writes are not touched.
/// Times are the reconciliation's zone's, with their offset (<c>2026-11-30T23:58:00-03:30</c>): the same instants, read
/// as the network's export and the period's days are, so a row's category is seen in its own times.
/// </summary>
public static class ReconciliationCsv
{
    public static readonly string[] Header =
    [
        "seq", "category", "reason", "clickid", "type", "txid", "line", "export_status", "export_status_as", "export_amount",
        "export_currency", "export_time", "duplicate_of_line", "trax_status", "trax_amount", "trax_currency", "trax_received_at",
        "trax_in_period", "conversion_id", "postback_id", "log_reason", "log_time",
    ];

    public static string Write(IEnumerable<ReconciliationRow> rows, Zone zone)
    {
        CsvField Time(DateTimeOffset? value) =>
            new(value is { } t ? zone.Local(t).ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture) : null, IsText: false);

        var text = new StringBuilder();
        Csv.AppendRecord(text, Header.Select(h => new CsvField(h, IsText: false)), escapeFormulas: false);
        foreach (var row in rows)
        {
            Csv.AppendRecord(
                text,
                [
                    Number(row.Seq), Word(row.Category), Word(row.Reason), Text(row.ClickId), Word(row.Type), Text(row.TxId), Number(row.Line),
                    Text(row.ExportStatus), Word(row.ExportStatusAs), Number(row.ExportAmount), Text(row.ExportCurrency), Time(row.ExportTime),
                    Number(row.DuplicateOfLine), Text(row.TraxStatus), Number(row.TraxAmount), Text(row.TraxCurrency), Time(row.TraxReceivedAt),
                    Word(row.TraxInPeriod ? "true" : "false"), Text(row.ConversionId), Text(row.PostbackId), Text(row.LogReason), Time(row.LogTime),
                ],
                escapeFormulas: true);
        }

        return text.ToString();
    }

    private static CsvField Text(string? value) => new(value, IsText: true);

    /// <summary>Trax's own words (categories, reasons, types): never a formula.</summary>
    private static CsvField Word(string? value) => new(value, IsText: false);

    private static CsvField Number(decimal? value) => new(value?.ToString(CultureInfo.InvariantCulture), IsText: false);

    private static CsvField Number(long? value) => new(value?.ToString(CultureInfo.InvariantCulture), IsText: false);
}
