using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Trax.Tests.Integration;

/// <summary>
/// The traffic report against the traffic API, and the report's grouping and CSV download with the key in a header.
/// </summary>
public sealed partial class ConsoleBrowserTests
{
    [Test]
    public async Task Traffic_ShowsClicksCrAndMoneyPerSource_AsTheTrafficApiCountsThem()
    {
        await CreateLinkAsync("promo", "december");

        // Three paid clicks from one source, one from another; one of the first converts.
        var clicks = new List<string>();
        foreach (var source in new[] { "news", "news", "news", "blog" })
        {
            var visit = await http.GetAsync($"/go/promo?source={source}&cost=0.50&currency=EUR");
            clicks.Add(visit.Headers.Location!.Query.Split("sub=")[1]);
        }

        await PostbackAsync($"/wp-json/trax/v1/ftd?clickid={clicks[0]}&payout=30&currency=EUR");
        var today = Day(0);
        await page.GotoAsync($"/console/traffic?from={today}&to={today}&groupBy=source");
        await SignInAsync();
        var news = page.Locator("#traffic-rows tr[data-row='news']");
        await Expect(news.Locator("td[data-field='clicks']")).ToHaveAttributeAsync("data-value", "3");

        // Every figure is the API's, exactly as it wrote it; the day's clicks and conversions are in the per-day table.
        using var report = await ApiJsonAsync($"/api/reports/traffic?from={today}&to={today}&tz=UTC&groupBy=source");
        foreach (var row in report.RootElement.GetProperty("rows").EnumerateArray())
        {
            var line = page.Locator($"#traffic-rows tr[data-row='{row.GetProperty("source").GetString() ?? ""}']");
            foreach (var field in new[] { "clicks", "conversions", "cr", "revenue", "cost", "profit", "roi", "epc" })
            {
                await Expect(line.Locator($"td[data-field='{field}']")).ToHaveAttributeAsync("data-value", Raw(row.GetProperty(field)), new() { Timeout = 2_000 });
            }
        }

        Assert.That(Raw(report.RootElement.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("source").GetString() == "news").GetProperty("cr")), Does.StartWith("0.333333"));
        await Expect(news.Locator("td[data-field='cr']")).ToHaveTextAsync("33.3333 %");
        await Expect(page.Locator($"#traffic-per-day tr[data-day='{today}'] td[data-field='clicks']")).ToHaveAttributeAsync("data-value", "4");
        await Expect(page.Locator($"#traffic-per-day tr[data-day='{today}'] td[data-field='conversions']")).ToHaveAttributeAsync("data-value", "1");
        await Screenshot("traffic");
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task Reports_ShowTheGrouping_AndDownloadTheCsvWithTheKeyInAHeader()
    {
        await RegisterClicksAsync(new { clickId = "c1" }, new { clickId = "c2" });
        await PostbackAsync("/wp-json/trax/v1/ftd?clickid=c1&network=AffiliateWeb&payout=25.50&currency=EUR");
        await PostbackAsync("/wp-json/trax/v1/sale?clickid=c2&network=%3DHYPERLINK(%22x%22)&payout=10&currency=EUR");

        var (from, today) = (Day(-6), Day(0));
        await page.GotoAsync($"/console/reports?from={from}&to={today}");
        await SignInAsync();
        await page.GetByLabel("network", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("day", new() { Exact = true }).UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("groupBy=network"));
        var table = page.Locator("#report-rows");
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(table.Locator("tbody")).ToContainTextAsync("AffiliateWeb");
        await Expect(table.Locator("tfoot")).ToContainTextAsync("€35.50");
        await Screenshot("reports");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        var file = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.That(download.SuggestedFilename, Is.EqualTo($"conversions-{from}-{today}.csv"));
        var expected = await ApiTextAsync($"/api/reports/conversions?from={from}&to={today}&groupBy=network&format=csv");
        Assert.That(file, Is.EqualTo(expected), "the file is the API's CSV, byte for byte");
        Assert.That(file, Does.Contain("'=HYPERLINK"), "formulas escaped by default");
        var csvCalls = host.Requests.Where(r => r.PathAndQuery.Contains("format=csv", StringComparison.Ordinal)).ToList();
        Assert.That(csvCalls, Has.Count.EqualTo(2), "the console's and the test's");
        Assert.That(csvCalls.Select(r => r.Status), Is.All.EqualTo(200));
        Assert.That(csvCalls.Select(r => r.PathAndQuery), Has.None.Contains("code=").And.None.Contains(host.FunctionKey), "the key travels in a header");
        await AssertNoProblemsAsync();
    }
}
