using System.Text;
using Trax.Traffic;

namespace Trax.Tests.Traffic;

/// <summary>Cost files as spreadsheets and scripts write them: each is read as its rows say, or refused with a reason.</summary>
public sealed class CostFileTests
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    [TestCase("day,campaign,amount\r\n2026-11-20,november,100.00\r\n")]
    [TestCase("""[{"day": "2026-11-20", "campaign": "november", "amount": 100}]""")]
    public void Read_WithAByteOrderMark_IsReadLikeWithout(string text)
    {
        var (costs, rejection) = CostFile.Read([.. Bom, .. Encoding.UTF8.GetBytes(text)]);

        Assert.That(rejection?.Reason, Is.Null, rejection?.Message);
        Assert.That(costs.Select(c => (c.Day, c.Kind, c.Value, c.Amount)), Is.EqualTo(new[] { (new DateOnly(2026, 11, 20), "campaign", "november", 100m) }));
    }

    // Excel saves the rows it once used as separators only (or blank lines); a line of spaces, a short row of commas
    // and quoted empty fields are blank too. None is a row, and the lines named stay the file's own.
    [Test]
    public void Read_BlankRecordsAnywhere_AreSkipped()
    {
        var (costs, rejection) = CostFile.Read(Encoding.UTF8.GetBytes(
            "day,campaign,amount\r\n,,\r\n2026-11-20,november,100.00\r\n   \r\n,\r\n\"\",\" \",\t\r\n2026-11-21,november,50\r\n,,\r\n,,\r\n\r\n"));

        Assert.That(rejection?.Reason, Is.Null, rejection?.Message);
        Assert.That(costs.Select(c => (c.Day, c.Amount)), Is.EquivalentTo(new[] { (new DateOnly(2026, 11, 20), 100m), (new DateOnly(2026, 11, 21), 50m) }));
    }

    [Test]
    public void Read_ABadRowAfterBlankRecords_IsRefusedWithItsLineInTheFile()
    {
        var (_, rejection) = CostFile.Read(Encoding.UTF8.GetBytes("day,campaign,amount\r\n,,\r\n \r\n2026-11-20,november,100\r\n,\r\n20/11/2026,november,1\r\n,,\r\n"));

        Assert.That((rejection?.Reason, rejection?.Line), Is.EqualTo(("invalid-day", (long?)6)));
    }

    [Test]
    public void Read_OnlyBlankRecordsUnderTheHeader_HasNoRows()
    {
        var (_, rejection) = CostFile.Read(Encoding.UTF8.GetBytes("day,campaign,amount\r\n,,\r\n,,\r\n"));

        Assert.That(rejection?.Reason, Is.EqualTo("no-rows"));
    }

    // A decimal keeps 28 digits: parsed first, these would be stored as 100 and 0, not refused for their decimals.
    [TestCase("day,campaign,amount\r\n2026-11-20,november,100.00000000000000000000000000001\r\n")]
    [TestCase("day,campaign,amount\r\n2026-11-20,november,0.000000000000000000000000000009\r\n")]
    [TestCase("""[{"day": "2026-11-20", "campaign": "november", "amount": 100.00000000000000000000000000001}]""")]
    public void Read_AmountWithMoreDecimalsThanADecimalHolds_IsRefused(string text)
    {
        var (costs, rejection) = CostFile.Read(Encoding.UTF8.GetBytes(text));

        Assert.That(rejection?.Reason, Is.EqualTo("invalid-cost"), $"stored as {costs.FirstOrDefault()?.Amount}");
    }

    [Test]
    public void Read_AmountWithTrailingZerosPastWhatADecimalHolds_IsReadAsWritten()
    {
        var (costs, rejection) = CostFile.Read(Encoding.UTF8.GetBytes("day,campaign,amount\r\n2026-11-20,november,12.300000000000000000000000000000000\r\n"));

        Assert.That(rejection?.Reason, Is.Null, rejection?.Message);
        Assert.That(costs.Single().Amount, Is.EqualTo(12.3m));
    }

    // A CSV header naming a column twice is refused; a JSON item naming a field twice (in any case) must be too, not
    // read as its last value: {"amount": 100, "Amount": 1000} is a file nobody can say the cost of.
    [TestCase("""[{"day": "2026-11-20", "campaign": "november", "amount": 100, "amount": 1000}]""")]
    [TestCase("""[{"day": "2026-11-20", "campaign": "november", "amount": 100, "Amount": 1000}]""")]
    [TestCase("""[{"day": "2026-11-20", "campaign": "november", "Campaign": "dezember", "amount": 100}]""")]
    public void Read_JsonItemNamingAFieldTwice_IsRefused(string text)
    {
        var (costs, rejection) = CostFile.Read(Encoding.UTF8.GetBytes(text));

        Assert.That((rejection?.Reason, rejection?.Line), Is.EqualTo(("invalid-body", (long?)null)), rejection?.Message);
        Assert.That(rejection!.Message, Does.Contain("item 1").And.Contain("twice"));
        Assert.That(costs, Is.Empty);
    }
}
