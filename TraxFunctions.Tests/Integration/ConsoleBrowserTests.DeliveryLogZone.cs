using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Trax.Clicks;

namespace Trax.Tests.Integration;

/// <summary>
/// A forward's delivery log read in the page's zone: the day picked is the zone's (the API is asked with tz=), so a
/// reader in Tokyo sees the attempts of Tokyo's day, not UTC's day in Tokyo's times.
/// </summary>
public sealed partial class ConsoleBrowserTests
{
    [Test]
    public async Task DeliveryLog_InAZone_ListsExactlyThatZonesDay()
    {
        // Tokyo (+9, no daylight saving) begins a day at 15:00 UTC. Deliveries one minute either side of the start and
        // of the end of yesterday in Tokyo: the log of that Tokyo day holds exactly the middle two.
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var end = new DateTimeOffset(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, tokyo).Date, TimeSpan.FromHours(9));
        var start = end.AddDays(-1);
        var day = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var clock = new FakeTimeProvider(start.AddMinutes(-1));
        await RestartWithClockAsync(clock);
        await using var receiver = await ForwardReceiver.StartAsync();
        await PutForwardAsync("ads", $$"""{"url":"{{receiver.BaseUrl}}/pb?t={txid}"}""");
        await trax.SeedClickAsync(new Click { ClickId = "85512345", ClickedAt = start.AddHours(-1) });
        foreach (var (txid, at) in new[] { ("Before", start.AddMinutes(-1)), ("First", start.AddMinutes(1)), ("Last", end.AddMinutes(-1)), ("After", end.AddMinutes(1)) })
        {
            clock.SetUtcNow(at);
            await PostbackAsync($"/wp-json/trax/v1/sale?clickid=85512345&txid={txid}&payout=1&currency=EUR");
            await trax.DeliverForwardsAsync();
        }

        await page.GotoAsync($"/console/forwards/deliveries?id=ads&date={day}&tz=Asia%2FTokyo");
        await SignInAsync();
        var attempts = page.Locator(".delivery");
        await Expect(attempts).ToHaveCountAsync(2);
        await Expect(attempts.Locator(".time")).ToHaveTextAsync([$"{day} 23:59:00", $"{day} 00:01:00"]);
        await Expect(page.GetByLabel("Day (Asia/Tokyo)")).ToHaveValueAsync(day);
        await Expect(page.Locator(".summary")).ToContainTextAsync($"on {day} (Asia/Tokyo)");

        // Showing again keeps the zone.
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"\\?id=ads&date={day}&tz=Asia%2FTokyo$"));

        // The same day in UTC is another 24 hours: its attempts are the last two.
        await page.GotoAsync($"/console/forwards/deliveries?id=ads&date={day}");
        await Expect(attempts.Locator(".time")).ToHaveTextAsync([$"{day} 15:01:00", $"{day} 14:59:00"]);
        await Expect(page.GetByLabel("Day (UTC)")).ToHaveValueAsync(day);
        await AssertNoProblemsAsync();
    }
}
