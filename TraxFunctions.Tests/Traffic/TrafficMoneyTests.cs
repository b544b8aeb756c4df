using Trax.Rates;
using Trax.Tests.Rates;
using Trax.Traffic;

namespace Trax.Tests.Traffic;

/// <summary>Why a traffic row's money is unknown, as its CSV shows it: the reason must be the real one.</summary>
public sealed class TrafficMoneyTests
{
    private static readonly DateOnly Tuesday = new(2026, 11, 24);

    [Test]
    public void Figures_RateThereButTheAmountAtItOverflows_IsOverflowNotAMissingRate()
    {
        var money = new TrafficMoney("USD", new RateBook("USD", Tuesday, Tuesday, [.. EcbRatesXml.Read(RatesFileTests.Sample, "fetch:x").Days]), mixed: false, ratesUnavailable: false);
        var line = new TrafficLine(["x"]) { Clicks = 1 };
        line.AddRevenue(Tuesday, "EUR", decimal.MaxValue);
        line.AddCost(Tuesday, "EUR", 1m);

        var figures = money.Figures(line);

        Assert.That((figures.Revenue, figures.RevenueMissing), Is.EqualTo(((decimal?)null, "overflow")));
        Assert.That(figures.Cost, Is.Not.Null, "the cost converts");
        Assert.That(money.Missing, Is.Empty, "a rate was there: nothing to name as missing");
    }
}
