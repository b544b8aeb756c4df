using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Trax.Tests.Integration;

/// <summary>
/// Times on the screens that list forwards' deliveries and postbacks: in the zone the URL picks (?tz=, UTC unless
/// picked, as the overview and reports), named on the page, whatever the reader's browser zone (Berlin here).
/// </summary>
public sealed partial class ConsoleBrowserTests
{
    [Test]
    public async Task Times_OnTheDeliveryLogConversionAndPostbackLog_AreInThePickedZoneAndNamed()
    {
        await using var receiver = await ForwardReceiver.StartAsync();
        await PutForwardAsync("ads", $$"""{"url":"{{receiver.BaseUrl}}/pb?c={clickid}&status={status}"}""");
        await RegisterClicksAsync(new { clickId = "85512345", linkId = "supergame1", network = "AffiliateWeb", program = "SuperGame1" });
        await PostbackAsync("/wp-json/trax/v1/sale?clickid=85512345&network=AffiliateWeb&txid=T-1&payout=25.50&currency=EUR");
        await trax.DeliverForwardsAsync();
        using var deliveries = await ApiJsonAsync($"/api/forwards/ads/deliveries?date={Day(0)}");
        var at = DateTimeOffset.Parse(deliveries.RootElement.GetProperty("items")[0].GetProperty("at").GetString()!, CultureInfo.InvariantCulture);
        using var lookup = await ApiJsonAsync("/api/conversions?clickid=85512345");
        var received = DateTimeOffset.Parse(lookup.RootElement.GetProperty("conversions")[0].GetProperty("receivedAt").GetString()!, CultureInfo.InvariantCulture);

        await page.GotoAsync("/console/forwards/deliveries?id=ads&tz=Asia/Tokyo");
        await SignInAsync();
        var attempt = page.Locator(".delivery").First;
        await Expect(attempt.Locator(".time")).ToHaveTextAsync(In(at, "Asia/Tokyo"));
        await Expect(page.Locator("main")).ToContainTextAsync("Times are in Asia/Tokyo");

        // The conversion's page keeps the zone: its receipt, its history and its deliveries.
        await attempt.GetByRole(AriaRole.Link, new() { Name = "85512345/sale:T-1" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/console/conversions/view\\?id=85512345%2Fsale%3AT-1&tz=Asia%2FTokyo$"));
        await Expect(page.Locator("#now ~ dl").First).ToContainTextAsync("First received" + In(received, "Asia/Tokyo"));
        await Expect(page.Locator(".timeline-entry .time")).ToHaveTextAsync(In(received, "Asia/Tokyo"));
        await Expect(page.Locator("#deliveries ~ ol .delivery .time")).ToHaveTextAsync(In(at, "Asia/Tokyo"));
        await Expect(page.Locator(".postback-row .time")).ToHaveTextAsync(In(received, "Asia/Tokyo"));
        await Expect(page.Locator("main")).ToContainTextAsync("Times are in Asia/Tokyo");

        // Its postback log link keeps it too, with its day and hour in that zone.
        await page.GetByRole(AriaRole.Link, new() { Name = "See it in the postback log" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("tz=Asia%2FTokyo"));
        await Expect(page.Locator(".log-row .time")).ToHaveTextAsync(In(received, "Asia/Tokyo"));
        await Expect(page.Locator("main")).ToContainTextAsync("Times are in Asia/Tokyo");

        // No zone in the URL: UTC, named; the picker offers the reader's own zone and keeps the rest of the URL.
        await page.GotoAsync("/console/forwards/deliveries?id=ads");
        await Expect(page.Locator(".delivery .time").First).ToHaveTextAsync(In(at, "UTC"));
        await Expect(page.Locator("main")).ToContainTextAsync("Times are in UTC");
        await page.GetByLabel("Time zone").SelectOptionAsync("Europe/Berlin");
        await Expect(page).ToHaveURLAsync(new Regex("/console/forwards/deliveries\\?id=ads&tz=Europe%2FBerlin$"));
        await Expect(page.Locator(".delivery .time").First).ToHaveTextAsync(In(at, "Europe/Berlin"));
        await AssertNoProblemsAsync();
    }

    /// <summary>An instant as the console writes it, in a zone: "2026-11-25 10:20:03".</summary>
    private static string In(DateTimeOffset instant, string zone) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(zone)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
