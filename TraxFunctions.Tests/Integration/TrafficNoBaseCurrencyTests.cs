using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Trax.Tests.Integration;

/// <summary>
/// The traffic report with no base currency set: amounts are summed as they are only when they share one currency. A
/// cost sent without a currency is in the base currency, so with none set its currency is unknown: it shares a unit
/// with other such costs, never with dollars or euros, whose report it must not silently join.
/// </summary>
[Category("Integration")]
public sealed class TrafficNoBaseCurrencyTests
{
    private const string Link = """{"id": "supergame1", "destination": "https://network.example/track?sub1={clickid}", "network": "AffiliateWeb", "program": "SuperGame1", "campaign": "november"}""";
    private const string Day = "2026-11-20";

    private TraxApp trax = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        trax = await TraxApp.StartAsync(time: new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 10, 7, 0, TimeSpan.Zero)));
        await trax.CreateLinkAsync(Link);
    }

    [TearDown]
    public async Task TearDownAsync() => await trax.DisposeAsync();

    [Test]
    public async Task Report_CostWithoutACurrencyBesideDollars_HasNoCommonUnitAndSaysSo()
    {
        var id = await trax.VisitAsync("/go/supergame1?cost=0.10");
        await trax.SendAsync(HttpRequests.Create("GET", $"/wp-json/trax/v1/ftd?clickid={id}&network=AffiliateWeb&program=SuperGame1&payout=30&currency=USD"));
        await trax.DrainAsync();

        var report = await ReportAsync();

        var totals = report.GetProperty("totals");
        Assert.That(report.GetProperty("currency").ValueKind, Is.EqualTo(JsonValueKind.Null), "0.10 of an unknown currency and 30 USD have no common unit");
        Assert.That(report.GetProperty("complete").GetBoolean(), Is.False);
        Assert.That((totals.GetProperty("clicks").GetInt64(), totals.GetProperty("conversions").GetInt64()), Is.EqualTo((1L, 1L)), "the counts stand");
        Assert.That(new[] { "revenue", "cost", "profit", "roi", "epc" }.Select(f => totals.GetProperty(f).ValueKind), Is.All.EqualTo(JsonValueKind.Null));
        Assert.That(report.GetProperty("missingRates").EnumerateArray().Select(m => m.GetProperty("reason").GetString()).Distinct(), Is.EqualTo(new[] { "no-base-currency" }));
    }

    [Test]
    public async Task Report_CostsWithoutACurrencyOnly_AreSummedAsTheyAre()
    {
        await trax.VisitAsync("/go/supergame1?cost=0.10");
        await trax.VisitAsync("/go/supergame1?cost=0.20");

        var report = await ReportAsync();

        Assert.That(report.GetProperty("currency").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(report.GetProperty("complete").GetBoolean(), Is.True);
        Assert.That(report.GetProperty("totals").GetProperty("cost").GetDecimal(), Is.EqualTo(0.30m));
    }

    [Test]
    public async Task Report_EveryAmountInDollars_IsSummedInDollars()
    {
        var id = await trax.VisitAsync("/go/supergame1?cost=0.10&currency=USD");
        await trax.SendAsync(HttpRequests.Create("GET", $"/wp-json/trax/v1/ftd?clickid={id}&network=AffiliateWeb&program=SuperGame1&payout=30&currency=USD"));
        await trax.DrainAsync();

        var report = await ReportAsync();

        Assert.That((report.GetProperty("currency").GetString(), report.GetProperty("complete").GetBoolean()), Is.EqualTo(("USD", true)));
        Assert.That(report.GetProperty("totals").GetProperty("profit").GetDecimal(), Is.EqualTo(29.90m));
    }

    private async Task<JsonElement> ReportAsync()
    {
        var answer = await trax.GetAsync($"/api/reports/traffic?from={Day}&to={Day}");
        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        return answer.Body!.Value;
    }
}
