using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Trax.Clicks;

namespace Trax.Tests.Integration;

/// <summary>
/// <c>/api/reconciliations</c> on Azurite against a generated month of one network's traffic in America/St_Johns
/// (−2:30, then −3:30 from 1 November): postbacks accepted, refused for each reason, never sent, sent twice, status
/// changed on one side only, amounts off by a cent, left in the queue or the poison queue, and rows across midnight
/// at both edges of the period. The expected category of every row is computed here from the scenario that made it
/// and the zone's local dates (TimeZoneInfo), not by the matcher.
/// </summary>
[Category("Integration")]
public sealed partial class ReconciliationTests
{
    private const string Network = "AffiliateWeb";
    private const string Token = "s3cret-network-token";
    private const string Zone = "America/St_Johns";
    private static readonly TimeZoneInfo StJohns = TimeZoneInfo.FindSystemTimeZoneById(Zone);
    private static readonly DateOnly First = new(2026, 11, 1);
    private static readonly DateOnly Last = new(2026, 11, 30);
    private static readonly DateTimeOffset TrafficStart = new(2026, 10, 30, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset TrafficEnd = new(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);

    private FakeTimeProvider clock = null!;
    private TraxApp trax = null!;

    private enum Scenario
    {
        Matched, SentTwice, ExportDuplicate, StatusChangedInTrax, StatusChangedInExport, AmountOffByACent,
        InvalidToken, IpNotAllowed, UnreplacedMacro, NeverSent, OnlyInTrax, Queued, Poison,
    }

    private sealed record Item(int N, Scenario Scenario, string Type, DateTimeOffset ExportTime, DateTimeOffset ReceivedAt, decimal? Payout)
    {
        public string ClickId => $"c-{N:D4}";

        public string? TxId => Type == "sale" ? $"T-{N}" : null;

        public string Query(string? status = null) =>
            $"clickid={ClickId}&network={Network}&token={Token}"
            + (TxId is null ? "" : $"&txid={TxId}")
            + (Payout is null ? "" : $"&payout={Payout.Value.ToString(CultureInfo.InvariantCulture)}&currency=EUR")
            + (status is null ? "" : $"&status={status}");
    }

    [SetUp]
    public async Task SetUpAsync()
    {
        clock = new FakeTimeProvider(TrafficStart.AddDays(-2));
        trax = await TraxApp.StartAsync(time: clock, settings: new Dictionary<string, string?>
        {
            [$"Trax:Security:Networks:{Network}:Token"] = Token,
            [$"Trax:Security:Networks:{Network}:AllowedIps"] = "203.0.113.0/24",
        });
    }

    [TearDown]
    public async Task TearDownAsync() => await trax.DisposeAsync();

    [Test]
    public async Task Reconcile_AMonthOfTraffic_PutsEveryRowInTheCategoryItsScenarioCalls()
    {
        var items = Generate(new Random(2212));
        await SendTrafficAsync(items);

        trax.Requests.Reset();
        var answer = await ReconcileAsync(ExportCsv(items));
        var requests = trax.RequestsByKind();

        Assert.That(answer.StatusCode, Is.EqualTo(201), answer.Text);
        var summary = answer.Body!.Value;
        var id = summary.GetProperty("id").GetString()!;
        var rows = await AllRowsAsync(id, pageSize: 37);
        var expected = Expected(items);

        // Every export line is in the category its scenario calls for, with Trax's reason; Trax's own conversions too.
        Assert.That(
            rows.Where(r => r.Line is not null).ToDictionary(r => r.Line!.Value, r => r.Describe()),
            Is.EquivalentTo(expected.Where(e => e.Line is not null).ToDictionary(e => e.Line!.Value, e => e.Describe())));
        Assert.That(
            rows.Where(r => r.Line is null).Select(r => r.Describe()),
            Is.EquivalentTo(expected.Where(e => e.Line is null).Select(e => e.Describe())));

        // The totals: each category's count, the export's rows, and Trax's conversions received in the period.
        var categories = summary.GetProperty("categories").EnumerateArray().ToDictionary(c => c.GetProperty("category").GetString()!, c => c);
        foreach (var category in expected.GroupBy(e => e.Category))
        {
            Assert.That(categories[category.Key].GetProperty("rows").GetInt32(), Is.EqualTo(category.Count()), category.Key);
        }

        var traxInPeriod = items.Count(i => Stores(i.Scenario) && InPeriod(i.ReceivedAt));
        Assert.That(summary.GetProperty("exportRows").GetInt32(), Is.EqualTo(expected.Count(e => e.Line is not null)));
        Assert.That(categories.Values.Sum(c => c.GetProperty("exportRows").GetInt32()), Is.EqualTo(summary.GetProperty("exportRows").GetInt32()));
        Assert.That(summary.GetProperty("traxConversions").GetInt32(), Is.EqualTo(traxInPeriod));
        Assert.That(categories.Values.Sum(c => c.GetProperty("traxConversions").GetInt32()), Is.EqualTo(traxInPeriod));
        Assert.That(summary.GetProperty("queueComplete").GetBoolean(), Is.True);

        // Every scenario is there, in the period, at least once: the month is not a degenerate draw.
        Assert.That(expected.Select(e => e.Category).Distinct(), Is.EquivalentTo(new[]
        {
            "matched", "status-differs", "amount-differs", "only-in-export", "only-in-trax", "outside-period", "duplicate",
        }));
        Assert.That(expected.Where(e => e.Reason is not null).Select(e => e.Reason + ":" + e.LogReason).Distinct(), Is.EquivalentTo(new[]
        {
            "refused:invalid-token", "refused:ip-not-allowed", "refused:unreplaced-macro", "never-arrived:", "queued:", "poison:",
        }));

        // Reading the log is bounded: one range query per UTC day and shard for the index and for the refusals, over
        // the period's UTC days and three more each side (29 October to 4 December: 37 days), and nothing else.
        var logQueries = requests.Where(r => r.Request.Resource == "PostbackLog").ToList();
        Assert.That(logQueries.Select(r => r.Request.Operation).Distinct(), Is.EqualTo(new[] { "query" }));
        Assert.That(logQueries.Sum(r => r.Count), Is.EqualTo(2 * 8 * 37));
        Assert.That(requests.Where(r => r.Request.Resource is "Conversions" or "Clicks"), Is.Empty);
        var total = requests.Sum(r => r.Count);
        var lines = expected.Count(e => e.Line is not null);
        TestContext.Out.WriteLine($"{lines} export rows, {rows.Count} result rows: {total} storage requests ({1000.0 * total / lines:F1} per 1,000 export rows)");
        foreach (var (request, count) in requests)
        {
            TestContext.Out.WriteLine($"  {count,5} × {request}");
        }
    }

    [Test]
    public async Task Rerun_AfterTheQueueIsProcessedAndThePoisonReplayed_FindsThoseConversions()
    {
        var items = Generate(new Random(7));
        await SendTrafficAsync(items);
        var first = (await ReconcileAsync(ExportCsv(items))).Body!.Value.GetProperty("id").GetString()!;

        // The operator replays the poison queue, and the processor catches up.
        foreach (var message in (await trax.RawPoisonQueue.ReceiveMessagesAsync(32)).Value)
        {
            await trax.RawQueue.SendMessageAsync(message.MessageText);
            await trax.RawPoisonQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        await trax.DrainAsync();
        var rerun = await trax.SendAsync(HttpRequests.Create("POST", $"/api/reconciliations/{first}/rerun"));

        Assert.That(rerun.StatusCode, Is.EqualTo(201), rerun.Text);
        Assert.That(rerun.Field("rerunOf"), Is.EqualTo(first));
        var rows = await AllRowsAsync(rerun.Field("id")!, pageSize: 500);
        var late = items.Where(i => i.Scenario is Scenario.Queued or Scenario.Poison && InPeriod(i.ExportTime)).Select(i => i.ClickId).ToHashSet();
        Assert.That(late, Is.Not.Empty);

        // Trax now has them, received after the period: outside it, not missing.
        Assert.That(rows.Where(r => late.Contains(r.ClickId)).Select(r => r.Category).Distinct(), Is.EqualTo(new[] { "outside-period" }));
        Assert.That(rows.Count(r => r.Line is not null), Is.EqualTo(items.Sum(ExportLines)));
    }

    [Test]
    public async Task Rows_FilteredByCategoryAndTheCsv_ShowTheSameRowsWithFormulasEscaped()
    {
        await trax.SeedClickAsync(new Click { ClickId = "c-1", ClickedAt = TrafficStart });
        clock.SetUtcNow(new DateTimeOffset(2026, 11, 10, 12, 0, 0, TimeSpan.Zero));
        await trax.GetAsync($"/wp-json/trax/v1/sale?clickid=c-1&network={Network}&token={Token}&txid=T-1&payout=10&currency=EUR");
        await trax.DrainAsync();
        var csv = "clickid,type,txid,status,payout,currency,time\r\n"
            + "c-1,sale,T-1,approved,10.01,EUR,2026-11-10 08:00:00\r\n"
            + "c-2,sale,\"=HYPERLINK(\"\"http://x.example\"\")\",approved,5,EUR,2026-11-10 08:00:00\r\n"
            + "c-2,sale,\"=HYPERLINK(\"\"http://x.example\"\")\",approved,5,EUR,2026-11-10 08:00:00\r\n";

        var answer = await ReconcileAsync(csv);
        Assert.That(answer.StatusCode, Is.EqualTo(201), answer.Text);
        var id = answer.Field("id")!;
        var differs = await trax.GetAsync($"/api/reconciliations/{id}/rows?category=amount-differs");
        var download = await trax.GetAsync($"/api/reconciliations/{id}/csv");

        var row = differs.Body!.Value.GetProperty("rows").EnumerateArray().Single();
        Assert.That((row.GetProperty("exportAmount").GetDecimal(), row.GetProperty("traxAmount").GetDecimal()), Is.EqualTo((10.01m, 10m)));
        Assert.That(row.GetProperty("conversionId").GetString(), Is.EqualTo("c-1/sale:T-1"));
        var lines = download.Text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(4));
        Assert.That(lines[2], Does.Contain("\"'=HYPERLINK(\"\"http://x.example\"\")\""));
        Assert.That(lines[3], Does.StartWith("3,duplicate,"));
    }

    [TestCase("?network=AffiliateWeb&from=2026-11-01&to=2026-11-30&tz=UTC&clickid=subid&type=event", "clickid,event\r\nc-1,ftd\r\n", 400, "no-clickid-column", null)]
    [TestCase("?network=AffiliateWeb&from=2026-11-01&to=2026-11-30&tz=UTC&clickid=clickid&type=event&amount=revenue", "clickid,event\r\nc-1,ftd\r\n", 400, "unknown-column", null)]
    [TestCase("?network=AffiliateWeb&from=2026-11-01&to=2026-11-30&tz=UTC&clickid=clickid&type=event", "clickid,event\r\nc-1,ftd\r\nc-2,\"ftd\r\n", 400, "invalid-csv", 3)]
    [TestCase("?network=AffiliateWeb&from=2026-11-01&to=2026-11-30&tz=UTC", "clickid,event\r\nc-1,ftd\r\n", 400, "no-mapping", null)]
    [TestCase("?network=AffiliateWeb&from=2026-11-01&to=2026-11-30&tz=Mars/Olympus&preset=trax", "clickid\r\nc-1\r\n", 400, "invalid-time-zone", null)]
    [TestCase("?from=2026-11-01&to=2026-11-30&tz=UTC&preset=trax", "clickid\r\nc-1\r\n", 400, "missing-network", null)]
    public async Task Reconcile_BadInput_Answers400WithItsReasonAndStoresNothing(string query, string csv, int status, string reason, int? line)
    {
        var answer = await trax.SendAsync(HttpRequests.Create("POST", "/api/reconciliations" + query, csv, "text/csv"));

        Assert.That(answer.StatusCode, Is.EqualTo(status), answer.Text);
        Assert.That(answer.Field("reason"), Is.EqualTo(reason));
        Assert.That(answer.Body!.Value.TryGetProperty("line", out var at) ? at.GetInt32() : (int?)null, Is.EqualTo(line));
        Assert.That(await trax.Reconciliations.QueryAsync<Azure.Data.Tables.TableEntity>().CountAsync(), Is.Zero);
    }

    [Test]
    public async Task Reconcile_ACurrencyColumnOfNoCurrencies_Answers400WithItsLineAndStoresNothing()
    {
        // currency= mapped to the wrong column (here a landing page): 40 distinct values of 1,000 characters. Each is
        // a currency of its own in the summary's sums, which then no longer fits an Azure property (64 KiB).
        var csv = new StringBuilder("clickid,type,txid,status,payout,currency,time\r\n");
        for (var i = 0; i < 40; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"c-{i},ftd,,approved,100,https://lp.example/{i:D3}/{new string('x', 976)},2026-11-10 08:00:00\r\n");
        }

        var answer = await ReconcileAsync(csv.ToString());

        Assert.That(answer.StatusCode, Is.EqualTo(400), answer.Text);
        Assert.That((answer.Field("reason"), answer.Body!.Value.GetProperty("line").GetInt32()), Is.EqualTo(("invalid-currency", 2)));
        Assert.That(await trax.Reconciliations.QueryAsync<Azure.Data.Tables.TableEntity>().CountAsync(), Is.Zero);
    }

    [Test]
    public async Task Reconcile_SecondRunWithoutAMapping_UsesTheNetworksLastMappingAndZone()
    {
        var csv = "Sub ID,Event\r\nc-1,Deposit\r\n";
        var first = await ReconcileAsync(csv, "&clickid=Sub%20ID&type=Event&tz=Asia/Kathmandu");
        var second = await trax.SendAsync(HttpRequests.Create("POST", $"/api/reconciliations?network={Network}&from=2026-11-01&to=2026-11-30", csv, "text/csv"));

        Assert.That(first.StatusCode, Is.EqualTo(201), first.Text);
        Assert.That(second.StatusCode, Is.EqualTo(201), second.Text);
        Assert.That(second.Field("timeZone"), Is.EqualTo("Asia/Kathmandu"));
        Assert.That(second.Body!.Value.GetProperty("mapping").GetProperty("clickId").GetString(), Is.EqualTo("Sub ID"));
    }

    private async Task<Answer> ReconcileAsync(string csv, string mapping = "&preset=trax&tz=" + Zone) =>
        await trax.SendAsync(HttpRequests.Create("POST", $"/api/reconciliations?network={Network}&from=2026-11-01&to=2026-11-30{mapping}", csv, "text/csv"));

    private static bool InPeriod(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, StJohns).DateTime) is var day && day >= First && day <= Last;

    private static bool Stores(Scenario scenario) => scenario is Scenario.Matched or Scenario.SentTwice or Scenario.ExportDuplicate
        or Scenario.StatusChangedInTrax or Scenario.StatusChangedInExport or Scenario.AmountOffByACent or Scenario.OnlyInTrax;

    private static int ExportLines(Item item) => item.Scenario switch
    {
        Scenario.OnlyInTrax => 0,
        Scenario.ExportDuplicate => 2,
        _ => 1,
    };

    /// <summary>
    /// 20 conversions per scenario at random times over the month and the days around it (the network's time first,
    /// Trax's receipt seconds to minutes later), plus four placed across the period's two midnights.
    /// </summary>
    private static List<Item> Generate(Random random)
    {
        var items = new List<Item>();
        var span = (TrafficEnd - TrafficStart).Ticks;
        string[] types = ["ftd", "reg", "sale"];
        foreach (var scenario in Enum.GetValues<Scenario>())
        {
            for (var k = 0; k < (scenario is Scenario.Queued or Scenario.Poison ? 10 : 20); k++)
            {
                var type = scenario is Scenario.UnreplacedMacro ? "sale" : scenario is Scenario.AmountOffByACent ? (k % 2 == 0 ? "ftd" : "sale") : types[random.Next(3)];
                var exportTime = TrafficStart.AddTicks((long)(random.NextDouble() * span));
                items.Add(new Item(items.Count + 1, scenario, type, exportTime, exportTime.AddSeconds(5 + random.Next(300)), Payout(type, random)));
            }
        }

        // Across midnight: 23:58 local on the period's last day, received 3 minutes later (the next day there); the
        // same at its first midnight; a row of the day before with no postback; Trax's own just after the start.
        DateTimeOffset Local(int month, int day, int hour, int minute, int second = 0) =>
            new(new DateTime(2026, month, day, hour, minute, second), StJohns.GetUtcOffset(new DateTime(2026, month, day, hour, minute, second)));
        items.Add(new Item(items.Count + 1, Scenario.Matched, "ftd", Local(11, 30, 23, 58), Local(11, 30, 23, 58).AddMinutes(3), 100m));
        items.Add(new Item(items.Count + 1, Scenario.Matched, "sale", Local(10, 31, 23, 59), Local(10, 31, 23, 59).AddMinutes(2), 20m));
        items.Add(new Item(items.Count + 1, Scenario.NeverSent, "reg", Local(10, 31, 23, 30), Local(10, 31, 23, 30), null));
        items.Add(new Item(items.Count + 1, Scenario.OnlyInTrax, "ftd", Local(11, 1, 0, 0, 30), Local(11, 1, 0, 0, 30), 100m));
        return items;
    }

    private static decimal? Payout(string type, Random random) => type switch
    {
        "ftd" => 100m,
        "sale" => 10m + random.Next(9000) / 100m,
        _ => null,
    };

    /// <summary>Plays the month in time order through the real postback function, then processes the queue like the host.</summary>
    private async Task SendTrafficAsync(List<Item> items)
    {
        await Parallel.ForEachAsync(items, async (item, _) =>
            await trax.SeedClickAsync(new Click { ClickId = item.ClickId, ClickedAt = TrafficStart.AddDays(-1), Attributes = new() { Network = Network } }));
        var events = new List<(DateTimeOffset At, Item Item, string Query, string? Address)>();
        foreach (var item in items)
        {
            switch (item.Scenario)
            {
                case Scenario.Matched or Scenario.ExportDuplicate or Scenario.StatusChangedInExport or Scenario.AmountOffByACent or Scenario.OnlyInTrax:
                    events.Add((item.ReceivedAt, item, item.Query("approved"), null));
                    break;
                case Scenario.SentTwice:
                    events.Add((item.ReceivedAt, item, item.Query("approved"), null));
                    events.Add((item.ReceivedAt.AddSeconds(30), item, item.Query("approved"), null));
                    break;
                case Scenario.StatusChangedInTrax:
                    events.Add((item.ReceivedAt, item, item.Query("approved"), null));
                    events.Add((item.ReceivedAt.AddDays(1), item, item.Query("chargeback"), null));
                    break;
                case Scenario.InvalidToken:
                    events.Add((item.ReceivedAt, item, item.Query("approved").Replace(Token, "wrong-token"), null));
                    break;
                case Scenario.IpNotAllowed:
                    events.Add((item.ReceivedAt, item, item.Query("approved"), "198.51.100.9"));
                    break;
                case Scenario.UnreplacedMacro:
                    events.Add((item.ReceivedAt, item, item.Query("approved").Replace($"clickid={item.ClickId}", "clickid=%7Bclickid%7D"), null));
                    break;
            }
        }

        foreach (var (at, item, query, address) in events.OrderBy(e => e.At))
        {
            if (item.Scenario == Scenario.StatusChangedInTrax && query.Contains("chargeback", StringComparison.Ordinal))
            {
                // The day-later word is processed after the first, as in life: racing in one batch, either could create
                // the conversion, and a conversion's day is its creator's (the scenario is a status change, not that race).
                await trax.DrainAsync();
            }

            clock.SetUtcNow(at);
            var request = HttpRequests.Create("GET", $"/wp-json/trax/v1/{item.Type}?{query}");
            if (address is not null)
            {
                request.HttpContext.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(address);
            }

            var answer = await trax.SendAsync(request);
            var refused = item.Scenario is Scenario.InvalidToken or Scenario.IpNotAllowed or Scenario.UnreplacedMacro;
            Assert.That(answer.StatusCode is >= 200 and < 300, Is.EqualTo(!refused), $"{item.Scenario}: {answer.Text}");
        }

        await trax.DrainAsync();

        // Postbacks that failed every attempt (moved to the poison queue as the host does), then some still waiting.
        foreach (var item in items.Where(i => i.Scenario == Scenario.Poison))
        {
            await trax.SendAsync(HttpRequests.Create("GET", $"/wp-json/trax/v1/{item.Type}?{item.Query("approved")}"));
        }

        foreach (var message in await trax.ReceiveAllAsync())
        {
            await trax.RawPoisonQueue.SendMessageAsync(message.MessageText);
            await trax.RawQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        foreach (var item in items.Where(i => i.Scenario == Scenario.Queued))
        {
            await trax.SendAsync(HttpRequests.Create("GET", $"/wp-json/trax/v1/{item.Type}?{item.Query("approved")}"));
        }
    }

    /// <summary>The network's export: every item but Trax's own, a duplicate's row twice, local times without an offset.</summary>
    private static string ExportCsv(List<Item> items)
    {
        var csv = new StringBuilder("clickid,type,txid,status,payout,currency,time\r\n");
        foreach (var item in items.Where(i => ExportLines(i) > 0))
        {
            var amount = item.Scenario == Scenario.AmountOffByACent ? item.Payout + 0.01m : item.Payout;
            var status = item.Scenario == Scenario.StatusChangedInExport ? "reversed" : "approved";
            var word = item.Type switch { "ftd" => "FTD", "reg" => "Registration", _ => "sale" };
            var local = TimeZoneInfo.ConvertTime(item.ExportTime, StJohns).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            var line = $"{item.ClickId},{word},{item.TxId},{status},{amount?.ToString(CultureInfo.InvariantCulture)},{(amount is null ? "" : "EUR")},{local}\r\n";
            for (var n = 0; n < ExportLines(item); n++)
            {
                csv.Append(line);
            }
        }

        return csv.ToString();
    }

    /// <summary>What each export line and each Trax conversion should come out as, from its scenario and the zone's days.</summary>
    private static List<Expectation> Expected(List<Item> items)
    {
        var expected = new List<Expectation>();
        var line = 1L;
        foreach (var item in items)
        {
            if (item.Scenario == Scenario.OnlyInTrax)
            {
                if (InPeriod(item.ReceivedAt))
                {
                    expected.Add(new Expectation(null, item.ClickId, "only-in-trax", null, null));
                }

                continue;
            }

            line++;
            var exportIn = InPeriod(item.ExportTime);
            if (Stores(item.Scenario))
            {
                var category = !exportIn || !InPeriod(item.ReceivedAt) ? "outside-period" : item.Scenario switch
                {
                    Scenario.StatusChangedInTrax or Scenario.StatusChangedInExport => "status-differs",
                    Scenario.AmountOffByACent => "amount-differs",
                    _ => "matched",
                };
                expected.Add(new Expectation(line, item.ClickId, category, null, null));
            }
            else
            {
                var (reason, logReason) = item.Scenario switch
                {
                    Scenario.InvalidToken => ("refused", "invalid-token"),
                    Scenario.IpNotAllowed => ("refused", "ip-not-allowed"),
                    Scenario.UnreplacedMacro => ("refused", "unreplaced-macro"),
                    Scenario.Queued => ("queued", null),
                    Scenario.Poison => ("poison", (string?)null),
                    _ => ("never-arrived", null),
                };
                expected.Add(exportIn
                    ? new Expectation(line, item.ClickId, "only-in-export", reason, logReason)
                    : new Expectation(line, item.ClickId, "outside-period", null, null));
            }

            if (item.Scenario == Scenario.ExportDuplicate)
            {
                line++;
                expected.Add(new Expectation(line, item.ClickId, "duplicate", null, null));
            }
        }

        return expected;
    }

    private sealed record Expectation(long? Line, string ClickId, string Category, string? Reason, string? LogReason)
    {
        public string Describe() => $"{ClickId} {Category} {Reason} {LogReason}";
    }

    private async Task<List<Expectation>> AllRowsAsync(string id, int pageSize)
    {
        var rows = new List<Expectation>();
        string? continuation = null;
        do
        {
            var page = await trax.GetAsync($"/api/reconciliations/{id}/rows?limit={pageSize}" + (continuation is null ? "" : "&continuation=" + Uri.EscapeDataString(continuation)));
            Assert.That(page.StatusCode, Is.EqualTo(200), page.Text);
            var body = page.Body!.Value;
            rows.AddRange(body.GetProperty("rows").EnumerateArray().Select(r => new Expectation(
                r.TryGetProperty("line", out var line) ? line.GetInt64() : null,
                r.GetProperty("clickId").GetString()!,
                r.GetProperty("category").GetString()!,
                r.TryGetProperty("reason", out var reason) ? reason.GetString() : null,
                r.TryGetProperty("logReason", out var logReason) ? logReason.GetString() : null)));
            continuation = body.TryGetProperty("continuation", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (continuation is not null);
        return rows;
    }
}
