using System.Text;
using Trax.Rates;

namespace Trax.Tests.Rates;

/// <summary>Reading rates from the ECB's XML, JSON and CSV: exact values, and a clear reason for every bad file.</summary>
public sealed partial class RatesFileTests
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
