using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Trax.Tests.Integration;

/// <summary>The Reconciliation screen: upload, mapping with a preview, the summary, rows by category and their links.</summary>
public sealed partial class ConsoleBrowserTests
{
    [Test]
    public async Task Reconciliation_UploadMapAndRun_ShowsTheSummaryAndRowsWithLinks()
    {
        await PostbackAsync("/wp-json/trax/v1/ftd?clickid=85512345&network=AffiliateWeb&payout=100&currency=EUR&status=approved");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var export = "Sub ID,Event,Status,Payout,Currency,Date\r\n"
            + $"85512345,FTD,approved,100.00,EUR,{now}\r\n"
            + $"85599999,FTD,approved,100.00,EUR,{now}\r\n"
            + $"\"<img src=x onerror=alert(1)>\",FTD,approved,5,EUR,{now}\r\n";

        await page.GotoAsync("/console/reconciliation");
        await SignInAsync();
        await FillRunAsync("AffiliateWeb", today, new FilePayload { Name = "affiliateweb.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(export) }, zone: "UTC");

        // The preview shows the export's first rows as text; the columns are mapped by hand.
        var preview = page.GetByRole(AriaRole.Table, new() { Name = "First rows of the export" });
        await Expect(preview.Locator("tbody tr")).ToHaveCountAsync(3);
        await Expect(preview).ToContainTextAsync("<img src=x onerror=alert(1)>");
        await MapExportColumnsAsync();
        await Screenshot("reconciliation-mapping");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reconcile" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/console/reconciliation\\?id=[0-9a-f]{32}$"));
        var summary = page.GetByRole(AriaRole.Table, new() { Name = "Summary by category" });
        await Expect(summary.GetByRole(AriaRole.Row, new() { Name = "matched" })).ToContainTextAsync("matched111");
        await Expect(summary.GetByRole(AriaRole.Row, new() { Name = "only-in-export" })).ToContainTextAsync("only-in-export220");
        await Expect(page.GetByText("3 export rows, 1 Trax conversions in the period.", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(page.Locator(".reconciliation-row")).ToHaveCountAsync(3);
        await Screenshot("reconciliation");

        await page.GetByLabel("Category", new() { Exact = true }).SelectOptionAsync("only-in-export");
        await Expect(page.Locator(".reconciliation-row")).ToHaveCountAsync(2);
        await Expect(page.Locator(".reconciliation-row").Filter(new() { HasText = "85599999" })).ToContainTextAsync("never-arrived");
        await Expect(page.Locator(".reconciliation-row").Filter(new() { HasText = "<img" })).ToContainTextAsync("no-clickid");

        // A matched row leads to its conversion.
        await page.GetByLabel("Category", new() { Exact = true }).SelectOptionAsync("matched");
        // Its times are in the reconciliation's zone (the network's, UTC here), as the export wrote them: the browser is in Berlin.
        await Expect(page.Locator(".reconciliation-row").Locator("td").Nth(4)).ToContainTextAsync(now);
        await page.Locator(".reconciliation-row").GetByRole(AriaRole.Link, new() { Name = "Conversion" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ftd conversion of click 85512345", Level = 1 })).ToBeVisibleAsync();
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task Reconciliation_EverflowPresetOrALastMappingWithATimeFormat_RunsWithItsTimeFormat()
    {
        // Everflow's times are unix seconds: the preset (and a network's last mapping) carry timeFormat=unix.
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var export = "sub1,event_name,transaction_id,status,payout,currency,conversion_unix_timestamp\r\n"
            + $"85512345,ftd,,approved,100.00,EUR,{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}\r\n";
        var file = new FilePayload { Name = "everflow.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(export) };

        await page.GotoAsync("/console/reconciliation");
        await SignInAsync();
        await FillRunAsync("Everflowing", today, file, zone: "UTC");
        await page.GetByLabel("Preset", new() { Exact = true }).SelectOptionAsync("everflow");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reconcile" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/console/reconciliation\\?id=[0-9a-f]{32}$"));
        await Expect(page.GetByText("1 export rows", new() { Exact = false })).ToBeVisibleAsync();

        // The second run starts from the network's last mapping, its time format with it.
        await page.GotoAsync("/console/reconciliation");
        await FillRunAsync("Everflowing", today, file, zone: null);
        await Expect(page.GetByLabel("Time", new() { Exact = true })).ToHaveValueAsync("conversion_unix_timestamp");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reconcile" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/console/reconciliation\\?id=[0-9a-f]{32}$"));
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task Reconciliation_AnExportThatIsNotUtf8_IsRefusedNotReadWithItsLettersReplaced()
    {
        // A Windows-1252 export: "Dépôt" is not UTF-8. Decoded in the browser, its letters would become U+FFFD and
        // the server would read a changed export; its bytes go as they are, and the server says why it refuses them.
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var latin1 = Encoding.Latin1.GetBytes("Sub ID,Event\r\n85512345,D\u00e9p\u00f4t\r\n");

        await page.GotoAsync("/console/reconciliation");
        await SignInAsync();
        await FillRunAsync("AffiliateWeb", today, new FilePayload { Name = "latin1.csv", MimeType = "text/csv", Buffer = latin1 }, zone: "UTC");

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not valid UTF-8");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "First rows of the export" })).ToHaveCountAsync(0);
        await AssertNoProblemsAsync();
    }

    /// <summary>Maps the columns of an export headed Sub ID, Event, Status, Payout, Currency, Date by hand.</summary>
    private async Task MapExportColumnsAsync()
    {
        await page.GetByLabel("Click id", new() { Exact = true }).SelectOptionAsync("Sub ID");
        await page.GetByLabel("Type or event", new() { Exact = true }).SelectOptionAsync("Event");
        await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("Status");
        await page.GetByLabel("Amount", new() { Exact = true }).SelectOptionAsync("Payout");
        await page.GetByLabel("Currency", new() { Exact = true }).SelectOptionAsync("Currency");
        await page.GetByLabel("Time", new() { Exact = true }).SelectOptionAsync("Date");
    }

    /// <summary>A run's network, one day, the network's zone (null: the form's, from the network's last mapping) and the export.</summary>
    private async Task FillRunAsync(string network, string day, FilePayload export, string? zone)
    {
        await page.GetByLabel("Network", new() { Exact = true }).FillAsync(network);
        await page.GetByLabel("From").FillAsync(day);
        await page.GetByLabel("To").FillAsync(day);
        if (zone is not null)
        {
            await page.GetByLabel("Network's time zone").FillAsync(zone);
        }

        await page.GetByLabel("Export file").SetInputFilesAsync(export);
    }
}
