using Microsoft.Extensions.Time.Testing;
using Trax.Clicks;

namespace Trax.Tests.Integration;

/// <summary>The report CSV's base-currency columns, on Azurite through the real functions.</summary>
[Category("Integration")]
public sealed class ReportCsvBaseCurrencyTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 7, 0, TimeSpan.Zero);

    [Test]
    public async Task ReportCsv_BaseCurrencySet_ConvertsEachRowAtItsDaysRateAndNamesAMissingRate()
    {
        var clock = new FakeTimeProvider(Start);
        await using var trax = await TraxApp.StartAsync(time: clock,
            settings: new Dictionary<string, string?> { ["Trax:Reports:BaseCurrency"] = "EUR" });
        await trax.SeedClickAsync(new Click { ClickId = "b-1", ClickedAt = Start.AddHours(-1) });
        await trax.SendAsync(HttpRequests.Json("PUT", "/api/rates/2026-11-20", """{"base": "EUR", "rates": {"USD": 1.25}}"""));
        clock.Advance(TimeSpan.FromHours(1));
        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=b-1&payout=10.00&currency=EUR");
        await trax.GetAsync("/wp-json/trax/v1/reg?clickid=b-1&payout=12.50&currency=USD");
        await trax.GetAsync("/wp-json/trax/v1/sale?clickid=b-1&txid=1&payout=3.33&currency=USD&status=rejected");
        await trax.GetAsync("/wp-json/trax/v1/sale?clickid=b-1&txid=2&payout=1&currency=GBP");
        await trax.DrainAsync();

        var csv = await trax.GetAsync("/api/reports/conversions?from=2026-11-20&to=2026-11-20&groupBy=type&format=csv");
        var records = Rfc4180.Parse(csv.Text);

        Assert.That(csv.StatusCode, Is.EqualTo(200));
        Assert.That(records[0], Is.EqualTo(new[] { "type", "currency", "conversions", "payout", "rejected", "rejectedPayout", "baseCurrency", "basePayout", "baseRejectedPayout" }));
        Assert.That(records.Skip(1).Select(r => string.Join(",", r)), Is.EqualTo(new[]
        {
            "ftd,EUR,1,10.00,0,,EUR,10.00,",
            "reg,USD,1,12.50,0,,EUR,10,",
            "sale,GBP,1,1,0,,EUR,missing-rate,missing-rate",
            "sale,USD,0,,1,3.33,EUR,,2.664",
        }), "each row at its day's rate (USD 1.25 per EUR); GBP has no rate that day: said, never zero");
    }

    [Test]
    public async Task ReportCsv_NoBaseCurrency_KeepsItsColumns()
    {
        var clock = new FakeTimeProvider(Start);
        await using var trax = await TraxApp.StartAsync(time: clock);

        var csv = await trax.GetAsync("/api/reports/conversions?from=2026-11-20&to=2026-11-20&groupBy=type&format=csv");

        Assert.That(Rfc4180.Parse(csv.Text)[0], Is.EqualTo(new[] { "type", "currency", "conversions", "payout", "rejected", "rejectedPayout" }));
    }
}
