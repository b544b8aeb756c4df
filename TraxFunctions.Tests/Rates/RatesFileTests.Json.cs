using System.Text;
using Trax.Rates;

namespace Trax.Tests.Rates;

/// <summary>Reading rates from JSON (a base and its rates): exact values, and the reason for every bad file.</summary>
public sealed partial class RatesFileTests
{
    [TestCase("1.5000000000000", 1.5)]
    [TestCase("1.23e-4", 0.000123)]
    [TestCase("12345e-10", 0.0000012345)]
    public void Json_TenDecimalsOrFewerOnceWrittenOut_AreAccepted(string rate, decimal expected)
    {
        // Trailing zeros and an exponent are not decimals of their own: what counts is the value's.
        var (rates, rejection) = RatesJson.Read(Encoding.UTF8.GetBytes($$$"""{"base": "EUR", "rates": {"USD": {{{rate}}}}}"""), Day);

        Assert.That(rejection, Is.Null);
        Assert.That(rates!.Rates["USD"], Is.EqualTo(expected));
    }

    [Test]
    public void Json_WithAByteOrderMark_IsRead()
    {
        // Windows tools write UTF-8 with a BOM; the CSV and XML readers accept it, so the JSON reader does too.
        var (rates, rejection) = RatesJson.Read([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("""{"base": "EUR", "rates": {"USD": 1.08}}""")], Day);

        Assert.That(rejection, Is.Null);
        Assert.That(rates!.Rates["USD"], Is.EqualTo(1.08m));
    }

    [Test]
    public void Json_BaseAndRates_AreReadExactlyAsWritten()
    {
        var (rates, rejection) = RatesJson.Read(Encoding.UTF8.GetBytes("""{"Base": "usd", "RATES": {"EUR": 0.92396, "JPY": 150.10, "IRR": 1050000, "KWD": 0.3071234567}}"""), Day);

        Assert.That(rejection, Is.Null);
        Assert.That(rates!.Day, Is.EqualTo(Day));
        Assert.That(rates.Base, Is.EqualTo("USD"));
        Assert.That(rates.Source, Is.EqualTo("put:json"));
        Assert.That(rates.Rates["EUR"], Is.EqualTo(0.92396m));
        Assert.That(rates.Rates["JPY"], Is.EqualTo(150.1m));
        Assert.That(rates.Rates["IRR"], Is.EqualTo(1_050_000m));
        Assert.That(rates.Rates["KWD"], Is.EqualTo(0.3071234567m), "ten decimals, through no double");
    }

    [TestCase("""{"rates": {"USD": 1.08}}""", "invalid-base")]
    [TestCase("""{"base": "EURO", "rates": {"USD": 1.08}}""", "invalid-base")]
    [TestCase("""{"base": 978, "rates": {"USD": 1.08}}""", "invalid-base")]
    [TestCase("""{"base": "EUR", "rates": {"USD": "1.08"}}""", "invalid-rate")]
    [TestCase("""{"base": "EUR", "rates": {"USD": 0}}""", "invalid-rate")]
    [TestCase("""{"base": "EUR", "rates": {"USD": -1.08}}""", "invalid-rate")]
    [TestCase("""{"base": "EUR", "rates": {"USD": 0.0000009}}""", "invalid-rate")]
    [TestCase("""{"base": "EUR", "rates": {"USD": 10000000.5}}""", "invalid-rate")]
    [TestCase("""{"base": "EUR", "rates": {"USD": 1.00000000001}}""", "invalid-rate")]
    [TestCase("""{"base": "EUR", "rates": {"USD": 1e400}}""", "invalid-rate")]
    [TestCase("""{"base": "EUR", "rates": {"USD": 1.000000000000000000000000000001}}""", "invalid-rate")]
    [TestCase("""{"base": "EUR", "rates": {"USD": 1.000000000001e1}}""", "invalid-rate")]
    [TestCase("""{"base": "EUR", "rates": {"USD": null}}""", "invalid-rate")]
    [TestCase("""{"base": "EUR", "rates": {"Dollar": 1.08}}""", "invalid-currency")]
    [TestCase("""{"base": "EUR", "rates": {"USD": 1.08, "usd": 1.09}}""", "duplicate-currency")]
    [TestCase("""{"base": "EUR", "rates": {}}""", "no-rates")]
    [TestCase("""{"base": "EUR", "rates": [1.08]}""", "invalid-body")]
    [TestCase("""{"base": "EUR", "rates": {"USD": 1.08}, "date": "2026-11-24"}""", "invalid-body")]
    [TestCase("""{"base": "EUR", "base": "USD", "rates": {"JPY": 150}}""", "invalid-body")]
    [TestCase("""{"base": "EUR"}""", "invalid-body")]
    [TestCase("""[{"base": "EUR"}]""", "invalid-body")]
    [TestCase("""{"base": "EUR", "rates": {"USD": 1.08}""", "invalid-body")]
    [TestCase("currency,rate\nUSD,1.08", "invalid-body")]
    [TestCase("", "invalid-body")]
    public void Json_Bad_IsRefusedWithItsReason(string body, string reason)
    {
        var (rates, rejection) = RatesJson.Read(Encoding.UTF8.GetBytes(body), Day);

        Assert.That(rates, Is.Null);
        Assert.That(rejection!.Reason, Is.EqualTo(reason));
        Assert.That(rejection.StatusCode, Is.EqualTo(400));
    }

    [Test]
    public void Json_MoreCurrenciesThanADayHolds_IsRefused()
    {
        var codes = Enumerable.Range(0, RateValues.MaxCurrencies + 1).Select(i => $"\"{(char)('A' + (i / 26 % 26))}{(char)('A' + (i % 26))}X\": 1.5");

        var (_, rejection) = RatesJson.Read(Encoding.UTF8.GetBytes("{\"base\": \"EUR\", \"rates\": {" + string.Join(",", codes) + "}}"), Day);

        Assert.That(rejection!.Reason, Is.EqualTo("too-many-rates"));
    }
}
