using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Trax.Tests.Integration;

/// <summary>
/// The overview's figures against the report and overview APIs for a seeded set, and its calls per view.
/// </summary>
public sealed partial class ConsoleBrowserTests
{
    [Test]
    public async Task Overview_Figures_EqualTheReportApisForASeededDataSet()
    {
        await RegisterClicksAsync(
            new { clickId = "c1", network = "AffiliateWeb", program = "SuperGame1" },
            new { clickId = "c2", network = "AffiliateWeb", program = "SuperGame2" },
            new { clickId = "c3", network = "OtherNet", program = "P1" },
            new { clickId = "c4", network = "OtherNet", program = "P1" },
            new { clickId = "c5", network = "ThirdNet", program = "P3" },
            new { clickId = "c6", network = "ClickNet", program = "P1" });
        string[] postbacks =
        [
            "ftd?clickid=c1&network=AffiliateWeb&program=SuperGame1&payout=25.50&currency=EUR",
            "ftd?clickid=c2&network=AffiliateWeb&program=SuperGame2&payout=10&currency=USD&status=pending",
            "reg?clickid=c3&network=OtherNet&program=P1",
            "sale?clickid=c4&network=OtherNet&program=P1&txid=T-1&payout=99.99&currency=EUR&status=approved",
            "sale?clickid=c4&network=OtherNet&program=P1&txid=T-2&payout=0.01&currency=EUR",
            "ftd?clickid=c5&network=ThirdNet&program=P3&payout=5&currency=EUR",
            "ftd?clickid=c6&payout=1.5&currency=GBP",
        ];
        foreach (var postback in postbacks)
        {
            await PostbackAsync("/wp-json/trax/v1/" + postback);
        }

        await PostbackAsync("/wp-json/trax/v1/ftd?clickid=c5&network=ThirdNet&status=chargeback");

        // An orphan (no click registered) and three refused postbacks, for the figures of GET /api/overview.
        await PostbackAsync("/wp-json/trax/v1/reg?clickid=orphan-1&network=OtherNet&program=P1");
        foreach (var refused in new[] { "ftd?clickid=%7Bclickid%7D&network=AffiliateWeb", "reg?clickid=%7Bclickid%7D", "sale?clickid=c1&payout=abc" })
        {
            Assert.That((await http.GetAsync("/wp-json/trax/v1/" + refused)).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), refused);
        }

        // Yesterday and today (UTC): the data set is in them even if midnight passed while it was sent.
        var (from, to) = (Day(-1), Day(0));
        await page.GotoAsync($"/console/?from={from}&to={to}");
        await SignInAsync();
        await Expect(page.Locator("#type-status")).ToBeVisibleAsync();
        await Expect(page.Locator("#overview-range")).ToHaveAttributeAsync("data-from", from);
        await Expect(page.Locator("#overview-range")).ToHaveAttributeAsync("data-to", to);
        Assert.That(host.Requests.Count(r => r.Function == "ReportConversions"), Is.EqualTo(2), "the overview makes two report calls");
        await Expect(page.Locator("#refused-total")).ToBeVisibleAsync();
        Assert.That(host.Requests.Count(r => r.Function == "GetOverview"), Is.EqualTo(1), "and one overview call");
        Assert.That(host.Requests.Count(r => r.Function == "ReportTraffic"), Is.EqualTo(1), "and one traffic call: four per view");

        // Clicks against conversions: the traffic report's figures.
        using var traffic = await ApiJsonAsync($"/api/reports/traffic?from={from}&to={to}&tz=UTC&groupBy=day");
        var trafficTotals = traffic.RootElement.GetProperty("totals");
        await Expect(page.Locator("#clicks-total")).ToHaveAttributeAsync("data-clicks", trafficTotals.GetProperty("clicks").GetInt64().ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#clicks-total")).ToHaveAttributeAsync("data-conversions", trafficTotals.GetProperty("conversions").GetInt64().ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#clicks-total")).ToHaveAttributeAsync("data-cr", Raw(trafficTotals.GetProperty("cr")));

        // The test's own figures: one report grouped by every dimension the overview shows, summed here.
        using var report = await ApiJsonAsync($"/api/reports/conversions?from={from}&to={to}&groupBy=day,type,status,network,program");
        var rows = report.RootElement.GetProperty("rows").EnumerateArray().Select(ReportLine.Of).ToList();
        Assert.That(rows.Sum(r => r.Counted + r.Rejected), Is.EqualTo(8), "the data set: eight counted conversions, one of them rejected later");

        foreach (var type in new[] { "ftd", "reg", "sale" })
        {
            foreach (var status in new[] { "pending", "approved", "rejected" })
            {
                var expected = rows.Where(r => r.Type == type && r.Status == status).Sum(r => r.Counted + r.Rejected);
                Assert.That(await ValueAsync($"#type-status tr[data-type='{type}'] td[data-status='{status}']"), Is.EqualTo(expected.ToString(CultureInfo.InvariantCulture)), $"{type} {status}");
            }

            Assert.That(await ValueAsync($"#type-status tr[data-type='{type}'] td[data-status='counted']"), Is.EqualTo(rows.Where(r => r.Type == type).Sum(r => r.Counted).ToString(CultureInfo.InvariantCulture)), type);
            foreach (var day in rows.Select(r => r.Day).Distinct())
            {
                Assert.That(await ValueAsync($"#per-day-table tr[data-day='{day}'] td[data-type='{type}']"), Is.EqualTo(rows.Where(r => r.Day == day && r.Type == type).Sum(r => r.Counted).ToString(CultureInfo.InvariantCulture)), $"{day} {type}");
            }
        }

        var totals = report.RootElement.GetProperty("totals").EnumerateArray().ToList();
        Assert.That(await page.Locator("#currencies tbody tr").CountAsync(), Is.EqualTo(totals.Count));
        foreach (var total in totals)
        {
            var currency = total.GetProperty("currency").GetString() ?? "";
            var row = $"#currencies tr[data-currency='{currency}']";
            Assert.That(await ValueAsync($"{row} td[data-field='payout']"), Is.EqualTo(Raw(total.GetProperty("payout"))), currency);
            Assert.That(await ValueAsync($"{row} td[data-field='rejectedPayout']"), Is.EqualTo(Raw(total.GetProperty("rejectedPayout"))), currency);
            Assert.That(await ValueAsync($"{row} td[data-field='approved']"), Is.EqualTo(Raw(total.GetProperty("byStatus").GetProperty("approved").GetProperty("payout"))), currency);
        }

        await Expect(page.Locator("#currencies tr[data-currency='EUR'] td[data-field='payout']")).ToHaveTextAsync("€125.50");
        foreach (var (dimension, pick) in new (string, Func<ReportLine, string>)[] { ("networks", r => r.Network), ("programs", r => r.Program) })
        {
            var names = rows.GroupBy(pick).ToList();
            Assert.That(await page.Locator($"#top-{dimension}-table tbody tr").CountAsync(), Is.EqualTo(names.Count), dimension);
            foreach (var name in names)
            {
                var row = page.Locator($"#top-{dimension}-table tbody tr").Filter(new() { Has = page.Locator($"th:text-is('{(name.Key == "" ? "(none named)" : name.Key)}')") });
                Assert.That(await row.Locator("td[data-value]").First.GetAttributeAsync("data-value"), Is.EqualTo(name.Sum(r => r.Counted).ToString(CultureInfo.InvariantCulture)), $"{dimension} {name.Key}");
                foreach (var currency in name.GroupBy(r => r.Currency))
                {
                    var payouts = currency.Where(r => r.Payout is not null).Select(r => r.Payout!.Value).ToList();
                    var expected = payouts.Count == 0 ? "" : payouts.Sum().ToString(CultureInfo.InvariantCulture);
                    Assert.That(await row.Locator($"li[data-currency='{currency.Key}']").GetAttributeAsync("data-value"), Is.EqualTo(expected), $"{dimension} {name.Key} {currency.Key}");
                }
            }
        }

        // Refusals, orphans and the processor's health: the overview API's figures, and the orphans the report's too.
        using var summary = await ApiJsonAsync($"/api/overview?from={from}&to={to}");
        var refusals = summary.RootElement.GetProperty("rejectedPostbacks");
        Assert.That(refusals.GetProperty("total").GetInt64(), Is.EqualTo(3));
        Assert.That(await ValueAsync("#refused-total"), Is.EqualTo("3"));
        Assert.That(await page.Locator("#refused-table tbody tr").CountAsync(), Is.EqualTo(refusals.GetProperty("byReason").GetArrayLength()));
        foreach (var reason in refusals.GetProperty("byReason").EnumerateArray())
        {
            Assert.That(await ValueAsync($"#refused-table tr[data-reason='{reason.GetProperty("reason").GetString()}'] td"), Is.EqualTo(reason.GetProperty("count").GetInt64().ToString(CultureInfo.InvariantCulture)));
        }

        Assert.That(await ValueAsync("#refused-table tr[data-reason='unreplaced-macro'] td"), Is.EqualTo("2"));
        using var byAttribution = await ApiJsonAsync($"/api/reports/conversions?from={from}&to={to}&groupBy=attribution");
        var orphans = byAttribution.RootElement.GetProperty("rows").EnumerateArray()
            .Where(r => r.GetProperty("attribution").GetString() == "unattributed").Sum(r => r.GetProperty("conversions").GetInt64() + r.GetProperty("rejected").GetInt64());
        Assert.That(orphans, Is.EqualTo(1));
        Assert.That(await ValueAsync("#orphans-count"), Is.EqualTo(orphans.ToString(CultureInfo.InvariantCulture)));
        Assert.That(await ValueAsync("#orphans-count"), Is.EqualTo(summary.RootElement.GetProperty("orphans").GetProperty("count").GetInt64().ToString(CultureInfo.InvariantCulture)));
        var processor = summary.RootElement.GetProperty("processor");
        Assert.That(await ValueAsync("#health dd[data-health='depth']"), Is.EqualTo(processor.GetProperty("depth").GetInt64().ToString(CultureInfo.InvariantCulture)));
        Assert.That(await ValueAsync("#health dd[data-health='poison']"), Is.EqualTo(processor.GetProperty("poison").GetInt64().ToString(CultureInfo.InvariantCulture)));
        await Expect(page.Locator("#stalled")).ToHaveCountAsync(0);
        await Screenshot("overview");

        // Another range: two more report calls and one more overview call, whatever the data size.
        var calls = host.Requests.Count(r => r.Function == "ReportConversions");
        var overviewCalls = host.Requests.Count(r => r.Function == "GetOverview");
        await page.GetByRole(AriaRole.Link, new() { Name = "7 days" }).ClickAsync();
        await Expect(page.Locator("#overview-range")).ToContainTextAsync(" to ");
        await Expect(page.Locator("#type-status tr[data-type='ftd'] td[data-status='rejected']")).ToHaveAttributeAsync("data-value", "1");
        Assert.That(host.Requests.Count(r => r.Function == "ReportConversions"), Is.EqualTo(calls + 2));
        Assert.That(host.Requests.Count(r => r.Function == "GetOverview"), Is.EqualTo(overviewCalls + 1));

        // The reader's own zone (the browser's is Berlin): its days, in the URL, the same figures as the APIs' in that zone.
        await page.Locator("#o-tz").SelectOptionAsync("Europe/Berlin");
        await Expect(page.Locator("#overview-range")).ToContainTextAsync("Europe/Berlin days");
        Assert.That(page.Url, Does.Contain("tz=Europe%2FBerlin"));
        var (zoneFrom, zoneTo) = (await page.Locator("#overview-range").GetAttributeAsync("data-from"), await page.Locator("#overview-range").GetAttributeAsync("data-to"));
        Assert.That(zoneTo, Is.EqualTo(DateTimeOffset.UtcNow.ToOffset(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin").GetUtcOffset(DateTimeOffset.UtcNow)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), "7 days up to today in Berlin");
        using var inBerlin = await ApiJsonAsync($"/api/overview?from={zoneFrom}&to={zoneTo}&tz=Europe/Berlin");
        Assert.That(inBerlin.RootElement.GetProperty("timeZone").GetString(), Is.EqualTo("Europe/Berlin"));
        await Expect(page.Locator("#refused-total")).ToHaveAttributeAsync("data-value", inBerlin.RootElement.GetProperty("rejectedPostbacks").GetProperty("total").GetInt64().ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#orphans-count")).ToHaveAttributeAsync("data-value", inBerlin.RootElement.GetProperty("orphans").GetProperty("count").GetInt64().ToString(CultureInfo.InvariantCulture));

        // The days of the table beside the chart are Berlin's, and it says so.
        await Expect(page.Locator("#per-day-table thead th").First).ToHaveTextAsync("Day (Europe/Berlin)");
        await Expect(page.Locator(".chart .u-legend").First).ToContainTextAsync("Day (Europe/Berlin)");

        // The orphan is in the report's counted figures above (unattributed), and its own page says so too.
        await page.GotoAsync("/console/conversions?clickid=orphan-1");
        var orphanCard = page.Locator(".card");
        await Expect(orphanCard).ToContainTextAsync("unattributed");
        await Expect(orphanCard).Not.ToContainTextAsync("not counted");
        await orphanCard.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page.Locator("dt:text-is('Counted') + dd")).ToHaveTextAsync(new Regex("^yes"));
        await AssertNoProblemsAsync();
    }

    /// <summary>An amount as the API wrote it ("35.50"), or "" for none: what the console keeps in data-value.</summary>
    private static string Raw(JsonElement amount) => amount.ValueKind == JsonValueKind.Null ? "" : amount.GetRawText();

    /// <summary>One row of a report grouped by day, type, status, network and program.</summary>
    private sealed record ReportLine(string Day, string Type, string Status, string Network, string Program, string Currency, int Counted, int Rejected, decimal? Payout)
    {
        public static ReportLine Of(JsonElement r) => new(
            r.GetProperty("day").GetString()!, r.GetProperty("type").GetString()!, r.GetProperty("status").GetString()!,
            r.GetProperty("network").GetString() ?? "", r.GetProperty("program").GetString() ?? "", r.GetProperty("currency").GetString() ?? "",
            r.GetProperty("conversions").GetInt32(), r.GetProperty("rejected").GetInt32(),
            r.GetProperty("payout").ValueKind == JsonValueKind.Null ? null : decimal.Parse(r.GetProperty("payout").GetRawText(), CultureInfo.InvariantCulture));
    }
}
