using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Trax.Tests.Integration;

/// <summary>
/// A conversion's page: found by click id with its history after a status change, and hostile click and postback
/// values shown as text.
/// </summary>
public sealed partial class ConsoleBrowserTests
{
    [Test]
    public async Task Conversions_FoundByClickId_ShowTheirHistoryAfterAStatusChange()
    {
        await RegisterClicksAsync(new { clickId = "85512345", linkId = "supergame1", network = "AffiliateWeb", program = "SuperGame1", campaign = "november", sub1 = "gclid-abc" });
        await PostbackAsync("/wp-json/trax/v1/ftd?clickid=85512345&network=AffiliateWeb&program=SuperGame1&payout=25.50&currency=EUR&status=pending");
        await PostbackAsync("/wp-json/trax/v1/ftd?clickid=85512345&network=AffiliateWeb&program=SuperGame1&status=approved");

        await page.GotoAsync("/console/conversions");
        await SignInAsync();
        await page.GetByLabel("Click id", new() { Exact = true }).FillAsync("85512345");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/console/conversions\\?clickid=85512345$"));
        await Expect(page.GetByText("1 conversion for this click id.")).ToBeVisibleAsync();
        await Screenshot("conversions");

        await page.GetByRole(AriaRole.Link, new() { Name = "ftd", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ftd conversion of click 85512345", Level = 1 })).ToBeFocusedAsync();
        var now = page.Locator("#now + p + dl");
        await Expect(now).ToContainTextAsync("Statusapproved");
        await Expect(now).ToContainTextAsync("Payout€25.50");
        var entries = page.Locator(".timeline-entry");
        await Expect(entries).ToHaveCountAsync(2);
        await Expect(entries.Nth(0)).ToContainTextAsync("created");
        await Expect(entries.Nth(0)).ToContainTextAsync("pending, €25.50");
        await Expect(entries.Nth(1)).ToContainTextAsync("updated");
        await Expect(entries.Nth(1)).ToContainTextAsync("Changepending, €25.50 → approved, €25.50");
        await Expect(entries.Nth(1)).ToContainTextAsync("The postback saidstatus approved");
        var attribution = page.Locator("#attribution + dl");
        await Expect(attribution).ToContainTextAsync("Linksupergame1");
        await Expect(attribution).ToContainTextAsync("Campaignnovember");
        await Expect(attribution).ToContainTextAsync("Sub 1gclid-abc");
        await Expect(page.Locator("#postbacks-summary")).ToContainTextAsync("2 postback log rows about this conversion");
        await Expect(page.Locator(".postback-row")).ToHaveCountAsync(2);
        await Screenshot("conversion");

        // The timeline leads to the postback's row in the log: its day, hour, type and network.
        await entries.Nth(1).GetByRole(AriaRole.Link, new() { Name = "See it in the postback log" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Postback log", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".log-row").Filter(new() { HasText = "updated" })).ToHaveCountAsync(1);
        await page.GoBackAsync();
        await Expect(page.Locator(".timeline-entry")).ToHaveCountAsync(2);
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task Conversion_HostileValues_AreShownAsTextAndNeverRun()
    {
        const string network = "<img src=x onerror=alert(1)>";
        const string sub1 = "<script>alert(2)</script>";
        const string program = "<b onmouseover=alert(3)>P</b>";
        await RegisterClicksAsync(new { clickId = "x-1", network, program, campaign = "<i>c</i>", sub1, source = "javascript:alert(4)" });
        await PostbackAsync($"/wp-json/trax/v1/ftd?clickid=x-1&network={Uri.EscapeDataString(network)}&program={Uri.EscapeDataString(program)}&txid={Uri.EscapeDataString("<svg onload=alert(5)>")}");

        await page.GotoAsync("/console/conversions?clickid=x-1");
        await SignInAsync();
        await Expect(page.Locator(".card")).ToContainTextAsync(network);
        await page.Locator(".card a").First.ClickAsync();
        await Expect(page.Locator("#now + p + dl")).ToContainTextAsync($"Network{network}");
        await Expect(page.Locator("#attribution + dl")).ToContainTextAsync($"Sub 1{sub1}");
        await Expect(page.Locator("#attribution + dl")).ToContainTextAsync("Sourcejavascript:alert(4)");
        await Expect(page.Locator(".timeline-entry")).ToContainTextAsync(network);
        Assert.That(await page.Locator("main img, main script, main b, main i, main svg").CountAsync(), Is.Zero, "no markup from a postback or a click became an element");
        Assert.That(await page.Locator("main a[href^='javascript']").CountAsync(), Is.Zero);
        await page.Locator("#now + p + dl dd").Filter(new() { HasText = network }).HoverAsync();
        await Screenshot("conversion-hostile");
        await AssertNoProblemsAsync();
    }
}
