using System.Text;
using Trax.Rates;
using Trax.Zones;

namespace Trax.Tests.Hosting;

/// <summary>The zone and rates reason codes, and the codes of a missing rate, are the documented closed sets.</summary>
public sealed class ZonesAndRatesDocsTests
{
    [Test]
    public void ZoneRejections_ReasonCodes_AreDocumentedInTheReportsSection()
    {
        var reports = File.ReadAllText(RepoPaths.File("docs", "reports.md"), Encoding.UTF8);

        foreach (var reason in ZoneRejections.Reasons)
        {
            Assert.That(reports, Does.Contain($"`{reason}`"), $"docs/reports.md documents {reason}");
        }
    }

    [Test]
    public void RateRejectionsAndMissingRates_Codes_AreDocumentedInTheCurrencyPage()
    {
        var currency = File.ReadAllText(RepoPaths.File("docs", "currency.md"), Encoding.UTF8);

        foreach (var code in RateRejections.Reasons.Concat(RateMissing.All).Append("storage-unavailable"))
        {
            Assert.That(currency, Does.Contain($"`{code}`"), $"docs/currency.md documents {code}");
        }

        Assert.That(RateRejections.Reasons, Is.Unique);
    }
}
