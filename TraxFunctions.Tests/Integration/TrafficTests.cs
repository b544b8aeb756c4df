using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
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
public sealed class TrafficTests
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

    [Test]
    public async Task Go_Click_IsOneClickInsertAndOneTrafficTransactionSentTogether()
    {
        trax.Requests.Reset();

        await trax.VisitAsync("/go/supergame1?source=news");

        Assert.That(trax.RequestsByKind().Select(r => $"{r.Request.Operation} {r.Count}").Order(),
            Is.EqualTo(new[] { "insert 1", "transaction 1" }), "the click and its count (row and hour marker); the link came from the cache");
    }

    [Test]
    public async Task Go_ClickInsertAndCount_AreInFlightTogether()
    {
        // Each of the two writes is held until the other has been sent: written one after the other, the first would
        // wait out its budget, the click would be lost, and the visitor would carry an id that was never stored.
        var barrier = new InFlightBarrier();
        await using var held = await TraxApp.StartAsync(
            settings: new Dictionary<string, string?> { ["Trax:RedirectStorageTimeoutMilliseconds"] = "10000" },
            configureServices: s => s.AddSingleton<Azure.Core.Pipeline.HttpPipelinePolicy>(barrier));
        await held.CreateLinkAsync(Link);
        barrier.Arm(held.Options.ClicksTable, held.Options.TrafficTable);

        var answer = await held.SendAsync(HttpRequests.Visit("/go/supergame1"));

        Assert.That(barrier.Met, Is.True, "both requests were sent before either was answered");
        Assert.That((await held.ClicksAsync()).Single().ClickId, Is.EqualTo(answer.QueryValue("sub1")));
        Assert.That(held.Counted("trax.clicks.lost"), Is.Zero);
    }

    /// <summary>Holds a request to each of two tables until a request to the other one has been sent (at most 5 s).</summary>
    private sealed class InFlightBarrier : Azure.Core.Pipeline.HttpPipelinePolicy
    {
        private readonly TaskCompletionSource first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource second = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private string? a;
        private string? b;

        private volatile bool timedOut;

        /// <summary>Both were sent, and neither had to wait out its deadline for the other.</summary>
        public bool Met => first.Task.IsCompleted && second.Task.IsCompleted && !timedOut;

        public void Arm(string tableA, string tableB) => (a, b) = (tableA, tableB);

        public override void Process(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline) =>
            ProcessNext(message, pipeline);

        public override async ValueTask ProcessAsync(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline)
        {
            var path = message.Request.Uri.Path;
            var (mine, other) = a is not null && (path.Contains("/" + a, StringComparison.Ordinal) && message.Request.Method == Azure.Core.RequestMethod.Post)
                ? (first, second)
                : b is not null && path.Contains("/$batch", StringComparison.Ordinal) ? (second, first) : (null, null);
            if (mine is not null)
            {
                mine.TrySetResult();
                if (await Task.WhenAny(other!.Task, Task.Delay(TimeSpan.FromSeconds(5))) != other.Task)
                {
                    timedOut = true;
                }
            }

            await ProcessNextAsync(message, pipeline);
        }
    }

    [Test]
    public async Task Go_ClickInsertOutlastsItsBudgetWhileTheCountLands_TakesTheCountBack()
    {
        // The click insert is never answered within the redirect's budget (the commonest way a click is lost) while
        // its count lands: the count of a click that was not stored must be taken back, as after any other fault.
        await using var slow = await TraxApp.StartAsync(settings: new Dictionary<string, string?> { ["Trax:RedirectStorageTimeoutMilliseconds"] = "300" });
        await slow.CreateLinkAsync(Link);
        var insert = slow.Faults.Hold(StorageFaults.Table(slow.Options.ClicksTable, "insert"));

        var answer = await slow.SendAsync(HttpRequests.Visit("/go/supergame1"));

        Assert.That(answer.StatusCode, Is.EqualTo(302));
        Assert.That((insert.Reached.IsCompleted, slow.Counted("trax.clicks.lost")), Is.EqualTo((true, 1L)), "the click insert was held until its budget ran out");
        Assert.That(await slow.ClicksAsync(), Is.Empty);
        Assert.That(slow.Traffic.Query<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {ClickDayKeys.ClickPrefix} and RowKey lt {ClickDayKeys.ClicksEnd}")).Count(),
            Is.Zero, "no click was stored, so none may be counted");
    }

    [Test]
    public async Task Go_ClickInsertAppliedButItsAnswerLostAndRetried_IsOneClickCountedOnceEvenAfterARecount()
    {
        // The click insert lands, the connection drops, the SDK's retry meets the click it just wrote (409): that is
        // this visit's click, not someone else's id, so it must not be stored again under a new id and counted twice.
        trax.Faults.Fail(StorageFaults.Table(trax.Options.ClicksTable, "insert"), InjectedFault.LostResponseRetried);

        var id = await trax.VisitAsync("/go/supergame1?source=news");
        var recount = await trax.SendAsync(HttpRequests.Create("POST", "/api/reports/traffic/recount"));

        Assert.That(trax.Faults.Injected.Select(f => f.Fault), Is.EqualTo(new[] { InjectedFault.LostResponseRetried }));
        Assert.That((await trax.ClicksAsync()).Select(c => c.ClickId), Is.EqualTo(new[] { id }), "one visit, one click");
        Assert.That(recount.Body!.Value.GetProperty("counted").GetInt64(), Is.Zero, "the visit's click was counted by the visit");
        Assert.That((await ReportAsync("groupBy=source")).GetProperty("totals").GetProperty("clicks").GetInt64(), Is.EqualTo(1));
    }

    [Test]
    public async Task RegisterClicks_BadCost_IsRefusedAndNothingIsStoredOrCounted()
    {
        var answer = await trax.PostJsonAsync("/api/clicks",
            """[{"clickId": "n-1", "cost": -1}, {"clickId": "n-2", "cost": "20000"}, {"clickId": "n-3", "cost": "0.1", "currency": "XYZ"}, {"clickId": "n-4", "cost": "1.23456"}, {"clickId": "ok-1", "cost": "0.1", "currency": "usd"}]""");

        Assert.That(answer.StatusCode, Is.EqualTo(400));
        Assert.That(answer.Body!.Value.GetProperty("clicks").EnumerateArray().Select(c => c.TryGetProperty("reason", out var r) ? r.GetString() : c.GetProperty("status").GetString()),
            Is.EqualTo(new[] { "invalid-cost", "invalid-cost", "invalid-currency", "invalid-cost", "created" }));
        Assert.That((await trax.ClicksAsync()).Select(c => (c.ClickId, c.Cost, c.CostCurrency)), Is.EqualTo(new[] { ("ok-1", (decimal?)0.1m, "USD") }));
        Assert.That(CountedClickRows(), Is.EqualTo(1));
    }

    [Test]
    public async Task Go_BadCost_RedirectsAndStoresTheClickWithoutItsCost()
    {
        var id = await trax.VisitAsync("/go/supergame1?cost=abc");
        var other = await trax.VisitAsync("/go/supergame1?cost=0.10&currency=XYZ");

        var stored = (await trax.ClicksAsync()).ToDictionary(c => c.ClickId);
        Assert.That((stored[id].Cost, stored[id].Warnings), Is.EqualTo(((decimal?)null, new[] { "cost:invalid" })));
        Assert.That((stored[other].Cost, stored[other].Warnings), Is.EqualTo(((decimal?)null, new[] { "currency:invalid" })));
        Assert.That(CountedClickRows(), Is.EqualTo(2));
    }

    [TestCase("day,campaign,amount\r\n2026-11-20,november,10\r\n2026-11-21,\"november,5\r\n", "invalid-csv", 3)]
    [TestCase("day,campaign,amount\r\n2026-11-20,november,10\r\n2026-11-21,november,-5\r\n", "invalid-cost", 3)]
    [TestCase("day,campaign,amount,currency\r\n2026-11-20,november,10,EUE\r\n", "invalid-currency", 2)]
    [TestCase("day,campaign,amount\r\n2026-13-01,november,10\r\n", "invalid-day", 2)]
    [TestCase("day,campaign,source,amount\r\n2026-11-20,november,news,10\r\n", "invalid-target", 2)]
    [TestCase("day,campaign,price\r\n2026-11-20,november,10\r\n", "invalid-header", 1)]
    public async Task UploadCosts_BadFile_Is400WithItsLineAndStoresNothing(string body, string reason, int line)
    {
        var answer = await trax.SendAsync(HttpRequests.Create("POST", "/api/costs", body, "text/csv"));

        Assert.That(answer.StatusCode, Is.EqualTo(400), answer.Text);
        Assert.That(answer.Body!.Value.GetProperty("reason").GetString(), Is.EqualTo(reason));
        Assert.That(answer.Body!.Value.GetProperty("line").GetInt64(), Is.EqualTo(line));
        Assert.That(await trax.Get<CostStore>().ListAsync(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task UploadCosts_LaterUploadOfTheSameKey_ReplacesItAndUnknownCampaignsAreAcceptedAndNamed()
    {
        var first = await trax.PostJsonAsync("/api/costs", """[{"day": "2026-11-20", "campaign": "november", "amount": 100}, {"day": "2026-11-20", "campaign": "dezember", "amount": "7.5", "currency": "USD"}]""");
        var second = await trax.PostJsonAsync("/api/costs", """[{"day": "2026-11-20", "campaign": "november", "amount": 80}, {"day": "2026-11-20", "link": "SuperGame1", "amount": 3}]""");

        Assert.That(first.StatusCode, Is.EqualTo(200), first.Text);
        Assert.That(first.Body!.Value.GetProperty("unknown").EnumerateArray().Select(u => $"{u.GetProperty("kind").GetString()}:{u.GetProperty("value").GetString()}"),
            Is.EqualTo(new[] { "campaign:dezember" }));
        Assert.That(second.Body!.Value.GetProperty("unknown").GetArrayLength(), Is.Zero, "the link id is matched as links are, in lower case");
        var stored = await trax.Get<CostStore>().ListAsync(DateOnly.Parse(Day), DateOnly.Parse(Day), CancellationToken.None);
        Assert.That(stored.Select(c => $"{c.Kind}:{c.Value}:{c.Amount}:{c.Currency}").Order(StringComparer.Ordinal),
            Is.EqualTo(new[] { "campaign:dezember:7.5:USD", "campaign:november:80:", "link:supergame1:3:" }));
    }

    [Test]
    public async Task Recount_ClicksStoredButNotCounted_CountsThemOncePageByPage()
    {
        await trax.SeedClickAsync(new Click { ClickId = "old-1", ClickedAt = Start, Attributes = new() { LinkId = "supergame1", Source = "news" }, Cost = 1m });
        await trax.SeedClickAsync(new Click { ClickId = "old-2", ClickedAt = Start, Attributes = new() { LinkId = "supergame1", Source = "news" } });
        await trax.VisitAsync("/go/supergame1?source=news");

        var counted = 0L;
        string? token = null;
        var pages = 0;
        do
        {
            var page = await trax.SendAsync(HttpRequests.Create("POST", "/api/reports/traffic/recount?limit=1" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token))));
            Assert.That(page.StatusCode, Is.EqualTo(200), page.Text);
            counted += page.Body!.Value.GetProperty("counted").GetInt64();
            token = page.Body!.Value.GetProperty("continuationToken").GetString();
            pages++;
        }
        while (token is not null && pages < 10);
        var again = await trax.SendAsync(HttpRequests.Create("POST", "/api/reports/traffic/recount"));

        Assert.That(counted, Is.EqualTo(2), "the two seeded clicks; the redirect's was counted already");
        Assert.That(again.Body!.Value.GetProperty("counted").GetInt64(), Is.Zero);
        var totals = (await ReportAsync("groupBy=source")).GetProperty("totals");
        Assert.That((totals.GetProperty("clicks").GetInt64(), totals.GetProperty("cost").GetDecimal()), Is.EqualTo((3L, 1m)));
        Assert.That((await trax.SendAsync(HttpRequests.Create("POST", "/api/reports/traffic/recount?continuationToken=abc"))).StatusCode, Is.EqualTo(400));
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
