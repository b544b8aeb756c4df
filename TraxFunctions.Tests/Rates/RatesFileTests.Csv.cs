using System.Text;
using Trax.Rates;

namespace Trax.Tests.Rates;

/// <summary>Reading rates from CSV (currency,rate rows against a given base): blank records skipped, the reason for every bad file.</summary>
public sealed partial class RatesFileTests
{
    [Test]
    public void Csv_HeaderAndRows_AreReadAgainstTheGivenBase()
    {
        var (rates, rejection) = RatesCsv.Read(Encoding.UTF8.GetBytes("Currency, Rate\r\nUSD,1.0823\r\n\"GBP\",\"0.85163\"\r\njpy, 162.45 \r\n"), Day, "eur");

        Assert.That(rejection, Is.Null);
        Assert.That(rates!.Base, Is.EqualTo("EUR"));
        Assert.That(rates.Source, Is.EqualTo("put:csv"));
        Assert.That(rates.Rates, Is.EquivalentTo(new Dictionary<string, decimal> { ["USD"] = 1.0823m, ["GBP"] = 0.85163m, ["JPY"] = 162.45m }));
    }

    [TestCase("currency,rate\nUSD,1.08", "EURO", "invalid-base")]
    [TestCase("code,value\nUSD,1.08", "EUR", "invalid-body")]
    [TestCase("currency,rate,source\nUSD,1.08,ecb", "EUR", "invalid-body")]
    [TestCase("currency,rate\nUSD,1,08", "EUR", "invalid-body")]
    [TestCase("currency,rate\n\"USD,1.08", "EUR", "invalid-body")]
    [TestCase("currency,rate\nUSD,", "EUR", "invalid-rate")]
    [TestCase("currency,rate\nUSD,-1", "EUR", "invalid-rate")]
    [TestCase("currency,rate\nUSD,1.08\nUSD,1.08", "EUR", "duplicate-currency")]
    [TestCase("currency,rate\n", "EUR", "no-rates")]
    [TestCase("", "EUR", "no-rates")]
    [TestCase("<gesmes:Envelope/>", "EUR", "invalid-body")]
    public void Csv_Bad_IsRefusedWithItsReason(string body, string baseCurrency, string reason)
    {
        var (rates, rejection) = RatesCsv.Read(Encoding.UTF8.GetBytes(body), Day, baseCurrency);

        Assert.That(rates, Is.Null);
        Assert.That(rejection!.Reason, Is.EqualTo(reason));
    }

    [Test]
    public void Csv_BlankRecordsAnywhere_AreSkipped()
    {
        var (rates, rejection) = RatesCsv.Read(Encoding.UTF8.GetBytes("currency,rate\r\n,\r\nUSD,1.0823\r\n  \r\n\"\",\" \"\r\nGBP,0.85163\r\n,\r\n,\r\n"), Day, "EUR");

        Assert.That(rejection, Is.Null, rejection?.Message);
        Assert.That(rates!.Rates, Is.EquivalentTo(new Dictionary<string, decimal> { ["USD"] = 1.0823m, ["GBP"] = 0.85163m }));
    }

    [TestCase("currency,rate\r\n,\r\n")]
    [TestCase("currency,rate\r\n \r\n,\r\n")]
    public void Csv_OnlyBlankRecordsUnderTheHeader_HasNoRates(string body) =>
        Assert.That(RatesCsv.Read(Encoding.UTF8.GetBytes(body), Day, "EUR").Rejection?.Reason, Is.EqualTo("no-rates"));

    [Test]
    public void Csv_NotUtf8_IsRefused()
    {
        var (_, rejection) = RatesCsv.Read([.. Encoding.UTF8.GetBytes("currency,rate\nUSD,1.08 "), 0xFF, 0xFE], Day, "EUR");

        Assert.That(rejection!.Reason, Is.EqualTo("invalid-body"));
    }
}
