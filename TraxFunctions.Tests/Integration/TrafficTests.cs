using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using Trax.Clicks;
using Trax.Rollups;
using Trax.Traffic;

namespace Trax.Tests.Integration;

/// <summary>
/// Clicks and costs in the numbers, on Azurite through the real functions: clicks from /go (HEAD and bots not
/// counted) and /api/clicks (a retried registration counted once), costs from /go, /api/clicks and an upload sent
/// twice, conversions attributed at once and late, and the traffic report's clicks, CR, revenue, cost, EPC and ROI
/// checked against figures the test works out from what it sent, read live and again from rollups.
/// </summary>
[Category("Integration")]
public sealed partial class TrafficTests
{
    private const string Link = """{"id": "supergame1", "destination": "https://network.example/track?aff=42&sub1={clickid}", "network": "AffiliateWeb", "program": "SuperGame1", "campaign": "november"}""";
    private const string Day = "2026-11-20";
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 7, 0, TimeSpan.Zero);

    private FakeTimeProvider clock = null!;
    private TraxApp trax = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        clock = new FakeTimeProvider(Start);
        trax = await TraxApp.StartAsync(time: clock,
            settings: new Dictionary<string, string?> { ["Trax:Reports:BaseCurrency"] = "EUR" });
        await trax.CreateLinkAsync(Link);
        await trax.SendAsync(HttpRequests.Json("PUT", $"/api/rates/{Day}", """{"base": "EUR", "rates": {"USD": 1.25}}"""));
    }

    [TearDown]
    public async Task TearDownAsync() => await trax.DisposeAsync();

    /// <summary>A click as the test sent it, and what it expects of it.</summary>
    private sealed record SentClick(string Id, string? Source, decimal CostInEuro);

    /// <summary>A conversion as the test sent it: on which click, its type, payout in EUR, rejected or not.</summary>
    private sealed record SentConversion(string ClickId, string Type, decimal Payout, bool Rejected);

    [Test]
    public async Task Report_ClicksBotsRetriesCostsAndLateAttribution_MatchFiguresWorkedOutFromWhatWasSent()
    {
        var clicks = new List<SentClick>();
        for (var i = 0; i < 3; i++)
        {
            clicks.Add(new(await trax.VisitAsync("/go/supergame1?source=news&sub1=a&cost=0.50&currency=EUR"), "news", 0.50m));
        }

        for (var i = 0; i < 2; i++)
        {
            clicks.Add(new(await trax.VisitAsync("/go/supergame1?source=blog&cost=0.25"), "blog", 0.25m)); // no currency: the base currency
        }

        clicks.Add(new(await trax.VisitAsync("/go/supergame1?cost=-1"), null, 0m)); // a bad cost never loses the click
        await trax.SendAsync(HttpRequests.Visit("/go/supergame1?source=news", method: "HEAD"));
        await trax.SendAsync(HttpRequests.Visit("/go/supergame1?source=news", userAgent: "Slackbot-LinkExpanding 1.0"));
        const string registration = """[{"clickId": "wp-1", "linkId": "supergame1", "source": "news", "cost": 0.40, "currency": "USD"}]""";
        Assert.That((await trax.PostJsonAsync("/api/clicks", registration)).StatusCode, Is.EqualTo(200));
        Assert.That((await trax.PostJsonAsync("/api/clicks", registration)).StatusCode, Is.EqualTo(200), "a retried registration");
        clicks.Add(new("wp-1", "news", 0.32m)); // 0.40 USD at 1.25 USD per EUR

        var conversions = new List<SentConversion>
        {
            new(clicks[0].Id, "ftd", 30m, false), new(clicks[3].Id, "sale", 20m, false), new(clicks[1].Id, "reg", 5m, true),
            new("wp-late", "ftd", 10m, false),
        };
        foreach (var c in conversions)
        {
            await trax.GetAsync($"/wp-json/trax/v1/{c.Type}?clickid={c.ClickId}&payout={c.Payout}&currency=EUR{(c.Type == "sale" ? "&txid=1" : "")}{(c.Rejected ? "&status=rejected" : "")}");
        }

        await trax.DrainAsync();

        // The orphan's click is registered late: its conversion is attributed to it now, on its own day.
        Assert.That((await trax.PostJsonAsync("/api/clicks", """{"clickId": "wp-late", "linkId": "supergame1", "source": "news"}""")).StatusCode, Is.EqualTo(200));
        clicks.Add(new("wp-late", "news", 0m));

        const string costs = "day,campaign,amount,currency\r\n2026-11-20,november,100.00,EUR\r\n";
        var first = await trax.SendAsync(HttpRequests.Create("POST", "/api/costs", costs, "text/csv"));
        var again = await trax.SendAsync(HttpRequests.Create("POST", "/api/costs", costs, "text/csv"));
        Assert.That((first.StatusCode, again.StatusCode), Is.EqualTo((200, 200)), again.Text);

        var bySource = await ReportAsync("groupBy=source");
        var byCampaign = await ReportAsync("groupBy=campaign");

        Assert.That(CountedClickRows(), Is.EqualTo(clicks.Count), "one row per stored click: HEAD, the bot and the retry added none");
        CheckRows(bySource, "source", clicks, conversions, c => c.Source, uploadedCost: 0m);
        CheckRows(byCampaign, "campaign", clicks, conversions, _ => "november", uploadedCost: 100m);
        Assert.That(bySource.GetProperty("unallocatedCost").GetDecimal(), Is.EqualTo(100m), "a campaign's cost has no source row");
        Assert.That(bySource.GetProperty("totals").GetProperty("cost").GetDecimal(), Is.EqualTo(clicks.Sum(c => c.CostInEuro) + 100m), "the upload counted once");

        // Rolled: the same figures, now from rollups only.
        clock.Advance(TimeSpan.FromDays(1));
        await trax.Get<TrafficRoller>().RollDaysAsync(DateOnly.Parse(Day), DateOnly.Parse(Day), CancellationToken.None);
        await trax.Get<RollupRoller>().RollDaysAsync(DateOnly.Parse(Day), DateOnly.Parse(Day), CancellationToken.None);
        var read = await trax.Get<TrafficReader>().ReadAsync(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero), CancellationToken.None);
        Assert.That((read.RolledHours > 0, read.LiveHours), Is.EqualTo((true, 0)));
        Assert.That((await ReportAsync("groupBy=campaign")).GetRawText(), Is.EqualTo(byCampaign.GetRawText()));
        Assert.That((await ReportAsync("groupBy=source")).GetRawText(), Is.EqualTo(bySource.GetRawText()));
    }

    [Test]
    public async Task Report_NoClicksNoCost_ShowsEmptyRatiosNeverNaN()
    {
        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=nobody&payout=10&currency=EUR");
        await trax.DrainAsync();

        var report = await ReportAsync("groupBy=day");
        var csv = await trax.GetAsync($"/api/reports/traffic?from={Day}&to={Day}&groupBy=day&format=csv");

        var row = report.GetProperty("rows").EnumerateArray().Single();
        Assert.That((row.GetProperty("clicks").GetInt64(), row.GetProperty("conversions").GetInt64()), Is.EqualTo((0L, 1L)));
        Assert.That(new[] { "cr", "epc", "roi" }.Select(p => row.GetProperty(p).ValueKind), Is.All.EqualTo(JsonValueKind.Null));
        Assert.That(csv.Text, Is.EqualTo(
            "day,clicks,conversions,ftd,reg,sale,rejected,cr,revenue,cost,profit,roi,epc\r\n" +
            "2026-11-20,0,1,1,0,0,0,,10,0,10,,\r\n"));
    }

    [Test]
    public async Task Report_MissingRateOrRatesUnavailable_IsAWordInTheCsvNeverAnEmptyCell()
    {
        // EUR is the base and no GBP rate is stored: the revenue cannot be made, the cost can.
        var click = await trax.VisitAsync("/go/supergame1?source=news&cost=0.50&currency=EUR");
        await trax.GetAsync($"/wp-json/trax/v1/ftd?clickid={click}&payout=10&currency=GBP");
        await trax.DrainAsync();
        const string header = "day,clicks,conversions,ftd,reg,sale,rejected,cr,revenue,cost,profit,roi,epc\r\n";

        var missing = await trax.GetAsync($"/api/reports/traffic?from={Day}&to={Day}&groupBy=day&format=csv");
        trax.Faults.Fail(StorageFaults.Table("Rates"), InjectedFault.Timeout, times: 100);
        var unavailable = await trax.GetAsync($"/api/reports/traffic?from={Day}&to={Day}&groupBy=day&format=csv");

        Assert.That(missing.Text, Is.EqualTo(header + "2026-11-20,1,1,1,0,0,0,1,missing-rate,0.50,missing-rate,missing-rate,missing-rate\r\n"),
            "a spreadsheet must not sum an unknown revenue as 0");
        Assert.That(unavailable.Text, Is.EqualTo(header + "2026-11-20,1,1,1,0,0,0,1,rates-unavailable,0.50,rates-unavailable,rates-unavailable,rates-unavailable\r\n"),
            "a cost in the base currency needs no rate: it stands during a rates outage");
    }

    [Test]
    public async Task ReportCsv_UploadedCostNoRowCanHold_IsItsOwnRowSoTheCostColumnSumsToTheTotal()
    {
        await trax.VisitAsync("/go/supergame1?source=news&cost=0.50&currency=EUR");
        await trax.SendAsync(HttpRequests.Create("POST", "/api/costs", "day,campaign,amount\r\n2026-11-20,november,100.00\r\n", "text/csv"));

        var json = await ReportAsync("groupBy=source");
        var csv = await trax.GetAsync($"/api/reports/traffic?from={Day}&to={Day}&groupBy=source&format=csv");

        Assert.That(json.GetProperty("totals").GetProperty("cost").GetDecimal(), Is.EqualTo(100.50m));
        Assert.That(csv.Text, Is.EqualTo(
            "source,clicks,conversions,ftd,reg,sale,rejected,cr,revenue,cost,profit,roi,epc\r\n" +
            "news,1,0,0,0,0,0,0,0,0.50,-0.50,-1,0\r\n" +
            "(unallocated),0,0,0,0,0,0,,0,100.00,-100.00,-1,\r\n"),
            "the CSV has no totals: the campaign's 100 EUR must be in a row, or summing the cost column drops it");
    }

    [TestCase("from=2026-11-20&to=2026-11-20&groupBy=source,color", "invalid-group-by")]
    [TestCase("from=2026-11-20&to=2026-11-20&tz=Mars/Olympus", "invalid-time-zone")]
    [TestCase("from=2026-11-20&to=2026-11-19", "invalid-range")]
    [TestCase("from=2026-11-20", "missing-parameter")]
    [TestCase("from=2026-11-20&to=2026-11-20&format=xml", "invalid-format")]
    public async Task ReportTraffic_BadParameters_Is400WithReason(string query, string reason)
    {
        var answer = await trax.GetAsync("/api/reports/traffic?" + query);

        Assert.That((answer.StatusCode, answer.Body!.Value.GetProperty("reason").GetString()), Is.EqualTo((400, reason)));
    }

    private static void CheckRows(JsonElement report, string dimension, List<SentClick> clicks, List<SentConversion> conversions,
        Func<SentClick, string?> keyOf, decimal uploadedCost)
    {
        var keyOfClick = clicks.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => keyOf(g.First()));
        var rows = report.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty(dimension).GetString() ?? "(none)");
        var keys = clicks.Select(keyOf).Distinct().ToList();
        Assert.That(rows.Keys, Is.EquivalentTo(keys.Select(k => k ?? "(none)")));
        foreach (var key in keys)
        {
            var row = rows[key ?? "(none)"];
            var mine = clicks.Where(c => keyOf(c) == key).ToList();
            var converted = conversions.Where(c => keyOfClick[c.ClickId] == key && !c.Rejected).ToList();
            long clickCount = mine.Count;
            var revenue = converted.Sum(c => c.Payout);
            var cost = mine.Sum(c => c.CostInEuro) + uploadedCost;
            var profit = revenue - cost;
            Assert.Multiple(() =>
            {
                Assert.That(row.GetProperty("clicks").GetInt64(), Is.EqualTo(clickCount), key);
                Assert.That(row.GetProperty("conversions").GetInt64(), Is.EqualTo(converted.Count), key);
                Assert.That(row.GetProperty("rejected").GetInt64(), Is.EqualTo(conversions.Count(c => keyOfClick[c.ClickId] == key && c.Rejected)), key);
                Assert.That(row.GetProperty("revenue").GetDecimal(), Is.EqualTo(revenue), key);
                Assert.That(row.GetProperty("cost").GetDecimal(), Is.EqualTo(cost), key);
                Assert.That(row.GetProperty("profit").GetDecimal(), Is.EqualTo(profit), key);
                Assert.That(row.GetProperty("cr").GetDecimal(), Is.EqualTo(Math.Round((decimal)converted.Count / clickCount, 6)), key);
                Assert.That(row.GetProperty("epc").GetDecimal(), Is.EqualTo(Math.Round(revenue / clickCount, 4)), key);
                if (cost == 0)
                {
                    Assert.That(row.GetProperty("roi").ValueKind, Is.EqualTo(JsonValueKind.Null), key);
                }
                else
                {
                    Assert.That(row.GetProperty("roi").GetDecimal(), Is.EqualTo(Math.Round(profit / cost, 6)), key);
                }
            });
        }
    }

    private async Task<JsonElement> ReportAsync(string query)
    {
        var answer = await trax.GetAsync($"/api/reports/traffic?from={Day}&to={Day}&{query}");
        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        return answer.Body!.Value;
    }

    private int CountedClickRows() =>
        trax.Traffic.Query<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {ClickDayKeys.ClickPrefix} and RowKey lt {ClickDayKeys.ClicksEnd}")).Count();
}
