using System.Globalization;
using System.Text;
using Trax.Reports;

namespace Trax.Reconciliation;

/// <summary>
/// A reconciliation's rows as RFC 4180 CSV, written with the report's writer: every text cell that a spreadsheet
/// would run as a formula (<see cref="Csv.EscapeFormula"/>) gets a leading <c>'</c>, because the export's
/// values are the network's and Trax's values are what postbacks sent; the numbers and times Trax writes are not touched.
/// </summary>
public static class ReconciliationCsv
{
    public static readonly string[] Header =
    [
        "seq", "category", "reason", "clickid", "type", "txid", "line", "export_status", "export_status_as", "export_amount",
        "export_currency", "export_time", "duplicate_of_line", "trax_status", "trax_amount", "trax_currency", "trax_received_at",
        "trax_in_period", "conversion_id", "postback_id", "log_reason", "log_time",
    ];

    public static string Write(IEnumerable<ReconciliationRow> rows)
    {
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

    private static CsvField Time(DateTimeOffset? value) => new(value?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture), IsText: false);
}
