using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Trax.Tests.Integration;

/// <summary>
/// The Conversions screen's search (GET /api/conversions/search) and a conversion's page with its postback log rows
/// (GET /api/conversions/postbacks) and forward deliveries (GET /api/conversions/deliveries), in Chromium.
/// </summary>
public sealed partial class ConsoleBrowserTests
{
    [Test]
    public async Task ConversionSearch_ByTxid_FindsTheConversionWhosePageShowsItsTimelineLogRowsAndDeliveries()
    {
        await using var receiver = await ForwardReceiver.StartAsync();
        await PutForwardAsync("ads", $$"""{"url":"{{receiver.BaseUrl}}/pb?c={clickid}&status={status}&token=s3cret"}""");
        await RegisterClicksAsync(new { clickId = "85512345", linkId = "supergame1", network = "AffiliateWeb", program = "SuperGame1", campaign = "november", sub1 = "gclid-abc" });
        const string sale = "/wp-json/trax/v1/sale?clickid=85512345&network=AffiliateWeb&program=SuperGame1&txid=T-77";
        await PostbackAsync(sale + "&payout=25.50&currency=EUR&status=pending");
        await PostbackAsync(sale + "&status=approved");
        await PostbackAsync(sale + "&status=approved");
        Assert.That((await http.GetAsync(sale + "&payout=abc")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        await PostbackAsync("/wp-json/trax/v1/sale?clickid=other&network=AffiliateWeb&txid=T-78");
        await trax.DeliverForwardsAsync();
        Assert.That(receiver.Received, Is.Not.Empty);

        await page.GotoAsync("/console/conversions");
        await SignInAsync();
        await page.GetByLabel("Transaction id", new() { Exact = true }).FillAsync("T-77");
        await page.GetByLabel("Type", new() { Exact = true }).SelectOptionAsync("sale");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/console/conversions\\?from=\\d{4}-\\d\\d-\\d\\d&to=\\d{4}-\\d\\d-\\d\\d&txid=T-77&type=sale$"));
        var results = page.Locator(".search-result");
        await Expect(results).ToHaveCountAsync(1);
        await Expect(results).ToContainTextAsync("NetworkAffiliateWeb");
        await Expect(results).ToContainTextAsync("approved");
        await Expect(page.GetByText("1 conversion from")).ToBeVisibleAsync();
        await Screenshot("conversion-search");

        // The search is in the URL: back from the conversion's page, it is there again.
        await results.GetByRole(AriaRole.Link, new() { Name = "sale T-77 of click 85512345" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "sale conversion of click 85512345", Level = 1 })).ToBeFocusedAsync();
        await Expect(page.Locator("#now + p + dl")).ToContainTextAsync("Payout€25.50");
        var entries = page.Locator(".timeline-entry");
        await Expect(entries).ToHaveCountAsync(2);
        await Expect(entries.Nth(1)).ToContainTextAsync("Changepending, €25.50 → approved, €25.50");

        // Every log row about it, newest first: the refusal of its type, the repeat, the update, the creation.
        var rows = page.Locator(".postback-row");
        await Expect(rows).ToHaveCountAsync(4);
        await Expect(rows.Nth(0)).ToContainTextAsync("rejected");
        await Expect(rows.Nth(0)).ToContainTextAsync("invalid-payout");
        await Expect(rows.Nth(1)).ToContainTextAsync("duplicate");
        await Expect(rows.Nth(2)).ToContainTextAsync("updated");
        await Expect(rows.Nth(3)).ToContainTextAsync("created");
        await rows.Nth(0).GetByText("Details of postback").ClickAsync();
        await Expect(rows.Nth(0)).ToContainTextAsync("payout=abc");

        // Its deliveries across the forwards, secrets redacted.
        var deliveries = page.Locator("#deliveries ~ ol .delivery");
        // Both jobs ran after both postbacks: the pending one was superseded, the approved one delivered.
        Assert.That(receiver.Received.Count(r => r.Query["c"] == "85512345"), Is.EqualTo(1));
        await Expect(deliveries).ToHaveCountAsync(2);
        var delivered = deliveries.Filter(new() { HasText = "delivered" });
        await Expect(delivered).ToHaveCountAsync(1);
        await Expect(delivered).ToContainTextAsync("to ads");
        await Expect(delivered).ToContainTextAsync("status approved");
        await Expect(delivered).ToContainTextAsync("HTTP 200");
        await Expect(delivered).ToContainTextAsync("token=redacted");
        await Expect(deliveries.Filter(new() { HasText = "superseded" })).ToContainTextAsync("status pending");
        Assert.That(await page.Locator("main").InnerTextAsync(), Does.Not.Contain("s3cret"));
        await Screenshot("conversion-trail");

        await page.GoBackAsync();
        await Expect(page.Locator(".search-result")).ToHaveCountAsync(1);
        await Expect(page.GetByLabel("Transaction id", new() { Exact = true })).ToHaveValueAsync("T-77");
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task ConversionSearch_Zone_SearchesThatZonesDaysAndSaysSo()
    {
        await PostbackAsync("/wp-json/trax/v1/sale?clickid=tz-1&network=AffiliateWeb&txid=Z-1");
        // Kiritimati (+14) and Pago Pago (−11) are 25 hours apart: the conversion falls on a different day in each.
        var day = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Pacific/Kiritimati")).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        await page.GotoAsync($"/console/conversions?from={day}&to={day}&txid=Z-1&tz=Pacific%2FKiritimati");
        await SignInAsync();
        await Expect(page.Locator(".search-result")).ToHaveCountAsync(1);
        await Expect(page.GetByText($"1 conversion from {day} to {day} (Pacific/Kiritimati days)")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("From (day in Pacific/Kiritimati)")).ToHaveValueAsync(day);

        await page.GotoAsync($"/console/conversions?from={day}&to={day}&txid=Z-1&tz=Pacific%2FPago_Pago");
        await Expect(page.GetByText($"No conversion matches from {day} to {day} (Pacific/Pago_Pago days)")).ToBeVisibleAsync();
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task ConversionSearch_HostileNetworkAndTxid_AreShownAsTextAndNeverRun()
    {
        const string network = "<img src=x onerror=alert(1)>";
        const string txid = "<svg onload=alert(5)>";
        await PostbackAsync($"/wp-json/trax/v1/sale?clickid=x-2&network={Uri.EscapeDataString(network)}&txid={Uri.EscapeDataString(txid)}");

        await page.GotoAsync("/console/conversions");
        await SignInAsync();
        await page.GetByLabel("Network", new() { Exact = true }).FillAsync(network);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var result = page.Locator(".search-result");
        await Expect(result).ToHaveCountAsync(1);
        await Expect(result).ToContainTextAsync($"Network{network}");
        await Expect(result).ToContainTextAsync($"sale {txid} of click x-2");
        Assert.That(await page.Locator("main img, main svg, main script").CountAsync(), Is.Zero, "no markup from a postback became an element");

        await result.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.Locator(".postback-row")).ToHaveCountAsync(1);
        await Expect(page.Locator(".postback-row")).ToContainTextAsync(network);
        await Expect(page.Locator("#now + p + dl")).ToContainTextAsync($"Transaction id{txid}");
        Assert.That(await page.Locator("main img, main svg, main script").CountAsync(), Is.Zero);
        await Screenshot("conversion-search-hostile");
        await AssertNoProblemsAsync();
    }

    private async Task PutForwardAsync(string id, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/forwards/" + id) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-functions-key", host.FunctionKey);
        var answer = await http.SendAsync(request);
        Assert.That(answer.IsSuccessStatusCode, Is.True, await answer.Content.ReadAsStringAsync());
    }
}
