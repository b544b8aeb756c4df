using System.Text;
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

    [Test]
    public void AppendRecord_ANumberTraxWrote_IsNeverEscaped()
    {
        var csv = new StringBuilder();

        Csv.AppendRecord(csv, [CsvField.Number("-2.50")], escapeFormulas: true);

        Assert.That(csv.ToString(), Is.EqualTo("-2.50\r\n"));
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
