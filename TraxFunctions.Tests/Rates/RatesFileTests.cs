using System.Text;
using Trax.Rates;

namespace Trax.Tests.Rates;

/// <summary>Reading rates from the ECB's XML, JSON and CSV: exact values, and a clear reason for every bad file.</summary>
public sealed class RatesFileTests
{
    private static readonly DateOnly Day = new(2026, 11, 24);

    internal static byte[] Sample => File.ReadAllBytes(RepoPaths.File("TraxFunctions.Tests", "Rates", "eurofxref-sample.xml"));

    [Test]
    public void Xml_TheEcbsShape_ReadsEveryDayOldestFirstPerEuro()
    {
        var (days, rejection) = EcbRatesXml.Read(Sample, "put:xml");

        Assert.That(rejection, Is.Null);
        Assert.That(days.Select(d => d.Day), Is.EqualTo(new[] { new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 23), Day }));
        var last = days[^1];
        Assert.That(last.Base, Is.EqualTo("EUR"));
        Assert.That(last.Source, Is.EqualTo("put:xml"));
        Assert.That(last.Rates, Has.Count.EqualTo(10));
        Assert.That(last.Rates["USD"], Is.EqualTo(1.0823m));
        Assert.That(last.Rates["GBP"], Is.EqualTo(0.85163m));
        Assert.That(last.Rates["IDR"], Is.EqualTo(17623.42m));
        Assert.That(last.RateOf("EUR"), Is.EqualTo(1m));
        Assert.That(last.RateOf("XAU"), Is.Null);
    }

    [Test]
    public void Xml_DailyFileWithDoubleQuotesAndNoDeclaration_IsRead()
    {
        var (days, rejection) = EcbRatesXml.Read(Ecb("""<Cube time="2026-11-25"><Cube currency="USD" rate="1.0850"/><Cube currency="usd2" rate="1"/></Cube>""".Replace("usd2", "JPY"), declaration: false), "x");

        Assert.That(rejection, Is.Null);
        Assert.That(days.Single().Rates["USD"], Is.EqualTo(1.085m));
        Assert.That(days.Single().Rates["JPY"], Is.EqualTo(1m));
    }

    [TestCase("USD,1.0823", "not XML")]
    [TestCase("{\"base\":\"EUR\"}", "not XML")]
    [TestCase("<html><body>Service unavailable</body></html>", "not the ECB's")]
    [TestCase("", "not XML")]
    [TestCase("<gesmes:Envelope xmlns:gesmes='http://www.gesmes.org/xml/2002-08-01'><Cube/></gesmes:Envelope>", "exactly one Cube")]
    public void Xml_NotTheEcbsFile_IsRefusedAsInvalidBody(string body, string problem)
    {
        var (days, rejection) = EcbRatesXml.Read(Encoding.UTF8.GetBytes(body), "x");

        Assert.That(days, Is.Empty);
        Assert.That(rejection!.Reason, Is.EqualTo("invalid-body"));
        Assert.That(rejection.Message, Does.Contain(problem));
    }

    [Test]
    public void Xml_WithADocumentTypeDefinition_IsRefusedWithoutExpandingIt()
    {
        const string laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01">&lol2;</gesmes:Envelope>
            """;

        var (_, rejection) = EcbRatesXml.Read(Encoding.UTF8.GetBytes(laughs), "x");

        Assert.That(rejection!.Reason, Is.EqualTo("invalid-body"));
        Assert.That(rejection.Message, Does.Contain("DTD"));
    }

    [TestCase("<Cube><Cube currency='USD' rate='1.08'/></Cube>", "invalid-body")]
    [TestCase("<Cube time='2026-13-01'><Cube currency='USD' rate='1.08'/></Cube>", "invalid-body")]
    [TestCase("<Cube time='1600-12-31'><Cube currency='USD' rate='1.08'/></Cube>", "invalid-body")]
    [TestCase("<Cube time='2026-11-25'><Cube currency='USD'/></Cube>", "invalid-body")]
    [TestCase("<Cube time='2026-11-25'><Rate currency='USD' rate='1.08'/></Cube>", "invalid-body")]
    [TestCase("<Cube time='2026-11-25'><Cube currency='USD' rate='1.08'/></Cube><Cube time='2026-11-25'><Cube currency='USD' rate='1.08'/></Cube>", "invalid-body")]
    [TestCase("<Cube time='2026-11-25'></Cube>", "no-rates")]
    [TestCase("<Cube time='2026-11-25'><Cube currency='US' rate='1.08'/></Cube>", "invalid-currency")]
    [TestCase("<Cube time='2026-11-25'><Cube currency='U$D' rate='1.08'/></Cube>", "invalid-currency")]
    [TestCase("<Cube time='2026-11-25'><Cube currency='USD' rate='0'/></Cube>", "invalid-rate")]
    [TestCase("<Cube time='2026-11-25'><Cube currency='USD' rate='-1.08'/></Cube>", "invalid-rate")]
    [TestCase("<Cube time='2026-11-25'><Cube currency='USD' rate='1,08'/></Cube>", "invalid-rate")]
    [TestCase("<Cube time='2026-11-25'><Cube currency='USD' rate='1e3'/></Cube>", "invalid-rate")]
    [TestCase("<Cube time='2026-11-25'><Cube currency='USD' rate='N/A'/></Cube>", "invalid-rate")]
    [TestCase("<Cube time='2026-11-25'><Cube currency='USD' rate='108230000'/></Cube>", "invalid-rate")]
    [TestCase("<Cube time='2026-11-25'><Cube currency='USD' rate='1.000000000000000000000000000001'/></Cube>", "invalid-rate")]
    [TestCase("<Cube time='2026-11-25'><Cube currency='USD' rate='1.08'/><Cube currency='usd' rate='1.09'/></Cube>", "duplicate-currency")]
    [TestCase("<Cube time='2026-11-25'><Cube currency='EUR' rate='1.1'/></Cube>", "invalid-rate")]
    public void Xml_ABadDayAnywhere_RefusesTheWholeFile(string cubes, string reason)
    {
        var file = Ecb("<Cube time='2026-11-24'><Cube currency='USD' rate='1.0823'/></Cube>" + cubes);

        var (days, rejection) = EcbRatesXml.Read(file, "x");

        Assert.That(days, Is.Empty);
        Assert.That(rejection!.Reason, Is.EqualTo(reason));
    }

    [Test]
    public void Xml_CodesInLowerCaseAndTheEurosOwnRateOfOne_AreAccepted()
    {
        var (days, rejection) = EcbRatesXml.Read(Ecb("<Cube time='2026-11-25'><Cube currency='usd' rate='1.08'/><Cube currency='EUR' rate='1.0000'/></Cube>"), "x");

        Assert.That(rejection, Is.Null);
        Assert.That(days.Single().Rates.Keys, Is.EqualTo(new[] { "USD" }), "the base is not listed: its rate is 1");
    }

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

    [TestCase("0.000001", true)]
    [TestCase("10000000", true)]
    [TestCase("1.0000000001", true)]
    [TestCase("0.0000009999", false)]
    [TestCase("10000000.0001", false)]
    [TestCase("1.00000000001", false)]
    [TestCase("0", false)]
    [TestCase("-1", false)]
    public void RateValues_Bounds_AreOneMillionthToTenMillionWithTenDecimals(string text, bool valid)
    {
        Assert.That(RateValues.IsValid(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(valid));
    }

    internal static byte[] Ecb(string dayCubes, bool declaration = true) => Encoding.UTF8.GetBytes(
        (declaration ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : "")
        + "<gesmes:Envelope xmlns:gesmes=\"http://www.gesmes.org/xml/2002-08-01\" xmlns=\"http://www.ecb.int/vocabulary/2002-08-01/eurofxref\">"
        + "<gesmes:subject>Reference rates</gesmes:subject><gesmes:Sender><gesmes:name>European Central Bank</gesmes:name></gesmes:Sender>"
        + "<Cube>" + dayCubes + "</Cube></gesmes:Envelope>");
}
