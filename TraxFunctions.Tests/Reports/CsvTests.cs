using System.Text;
using Trax.Reconciliation;
using Trax.Reports;

namespace Trax.Tests.Reports;

public sealed class CsvTests
{
    [TestCase("AffiliateWeb", "AffiliateWeb")]
    [TestCase("", "")]
    [TestCase(null, "")]
    [TestCase("Acme, Inc.", "\"Acme, Inc.\"")]
    [TestCase("Big \"Q\"", "\"Big \"\"Q\"\"\"")]
    [TestCase("two\r\nlines", "\"two\r\nlines\"")]
    [TestCase("bare\nLF", "\"bare\nLF\"")]
    [TestCase("bare\rCR", "\"bare\rCR\"")]
    [TestCase("\"", "\"\"\"\"")]
    [TestCase(" spaced ", " spaced ")]
    public void AppendField_Value_IsQuotedOnlyWhenItMustBe(string? value, string expected)
    {
        var csv = new StringBuilder();

        Csv.AppendField(csv, value);

        Assert.That(csv.ToString(), Is.EqualTo(expected));
    }

    [Test]
    public void AppendRecord_Fields_AreCommaSeparatedAndEndWithCrlf()
    {
        var csv = new StringBuilder();

        Csv.AppendRecord(csv, [CsvField.Text("a"), CsvField.Text(null), CsvField.Text("b,c")], escapeFormulas: true);

        Assert.That(csv.ToString(), Is.EqualTo("a,,\"b,c\"\r\n"));
    }

    [Test]
    public void AppendRecord_AwkwardValues_ParseBackExactly()
    {
        string?[][] records =
        [
            ["network", "campaign", "payout"],
            ["Acme, Inc.", "say \"hi\"", "1.50"],
            ["multi\r\nline", "", "-2"],
            ["=cmd|' /C calc'!A0", "ünïcödé €", "0"],
            ["\"", ",", "\r\n"],
        ];
        var csv = new StringBuilder();

        foreach (var record in records)
        {
            Csv.AppendRecord(csv, record.Select(CsvField.Text), escapeFormulas: false);
        }

        var parsed = Rfc4180.Parse(csv.ToString());
        Assert.That(parsed, Is.EqualTo(records.Select(r => r.Select(f => f ?? "").ToArray()).ToList()), "exact values, when asked for");
    }

    [TestCase("=1+1", "'=1+1")]
    [TestCase("+1", "'+1")]
    [TestCase("-1", "'-1")]
    [TestCase("@SUM(A1)", "'@SUM(A1)")]
    [TestCase("\tx", "'\tx")]
    [TestCase("\rx", "\"'\rx\"")]
    [TestCase("a=1", "a=1")]
    [TestCase("Acme", "Acme")]
    public void AppendRecord_TextThatASpreadsheetWouldRun_GetsALeadingQuote(string value, string expected)
    {
        var csv = new StringBuilder();

        Csv.AppendRecord(csv, [CsvField.Text(value)], escapeFormulas: true);

        Assert.That(csv.ToString(), Is.EqualTo(expected + "\r\n"));
    }

    // Spreadsheets skip leading spaces and control characters before reading a formula, and some read the fullwidth
    // signs (what an IME types) as the ASCII ones: each of these is a formula once opened.
    [TestCase(" =1+1", "' =1+1")]
    [TestCase("   @SUM(A1)", "'   @SUM(A1)")]
    [TestCase("\u00A0+1", "'\u00A0+1")]
    [TestCase("\u3000-1", "'\u3000-1")]
    [TestCase(" \t=1", "' \t=1")]
    [TestCase("\n=1", "\"'\n=1\"")]
    [TestCase("\0=1", "'\0=1")]
    [TestCase("\u0001x", "'\u0001x")]
    [TestCase("\uFF1D1+1", "'\uFF1D1+1")]
    [TestCase("\uFF0B1", "'\uFF0B1")]
    [TestCase("\uFF0D1", "'\uFF0D1")]
    [TestCase("\uFF20SUM(A1)", "'\uFF20SUM(A1)")]
    [TestCase(" \uFF1D1", "' \uFF1D1")]
    [TestCase("\u200B=1", "'\u200B=1")]
    public void AppendRecord_AFormulaBehindWhitespaceControlsOrInFullwidth_GetsALeadingQuote(string value, string expected)
    {
        var csv = new StringBuilder();

        Csv.AppendRecord(csv, [CsvField.Text(value)], escapeFormulas: true);

        Assert.That(csv.ToString(), Is.EqualTo(expected + "\r\n"));
    }

    [TestCase(" Acme")]
    [TestCase("  ")]
    [TestCase("1-2")]
    [TestCase("a =1")]
    [TestCase("\u00E9=1")]
    public void AppendRecord_TextThatIsNoFormula_IsLeftAsItIs(string value)
    {
        var csv = new StringBuilder();

        Csv.AppendRecord(csv, [CsvField.Text(value)], escapeFormulas: true);

        Assert.That(csv.ToString(), Is.EqualTo(value + "\r\n"));
    }

    [Test]
    public void AppendRecord_ANumberTraxWrote_IsNeverEscaped()
    {
        var csv = new StringBuilder();

        Csv.AppendRecord(csv, [CsvField.Number("-2.50")], escapeFormulas: true);

        Assert.That(csv.ToString(), Is.EqualTo("-2.50\r\n"));
    }

    [Test]
    public void ReconciliationCsv_NegativeAmountsAndHostileText_NumbersStayNumbersAndTextIsEscaped()
    {
        var row = new ReconciliationRow
        {
            Seq = 1, Category = "amount-differs", ClickId = " =HYPERLINK(1)", Type = "sale", TxId = "\uFF1DT-1", Line = 2, ExportStatus = "\t@approved",
            ExportAmount = -12.50m, ExportCurrency = "EUR", TraxAmount = -12.5m, TraxCurrency = "EUR",
        };

        var record = Rfc4180.Parse(ReconciliationCsv.Write([row], Trax.Zones.Zone.Utc))[1];

        var cell = ReconciliationCsv.Header.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => record[c.i]);
        Assert.That((cell["clickid"], cell["txid"], cell["export_status"]), Is.EqualTo(("' =HYPERLINK(1)", "'\uFF1DT-1", "'\t@approved")));
        Assert.That((cell["export_amount"], cell["trax_amount"]), Is.EqualTo(("-12.50", "-12.5")), "amounts are numbers a spreadsheet reads as such");
    }

    [Test]
    public void AppendRecord_EscapedValues_ParseBackWithTheirQuote()
    {
        var csv = new StringBuilder();

        Csv.AppendRecord(csv, [CsvField.Text("=cmd|' /C calc'!A0"), CsvField.Text("\"=1\"")], escapeFormulas: true);

        Assert.That(Rfc4180.Parse(csv.ToString()).Single(), Is.EqualTo(new[] { "'=cmd|' /C calc'!A0", "\"=1\"" }));
    }

    [TestCase("a,b\r\n\"x\ny\",c")]
    [TestCase("a,b\nc,d\n")]
    [TestCase("a,b\r\nc\r\n")]
    [TestCase("a\"b\r\n")]
    public void Rfc4180Parse_InvalidDocument_Throws(string text) =>
        Assert.Throws<FormatException>(() => Rfc4180.Parse(text));
}
