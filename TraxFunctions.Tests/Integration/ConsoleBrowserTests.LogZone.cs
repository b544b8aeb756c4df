using System.Globalization;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace Trax.Tests.Integration;

/// <summary>
/// The postback log read in the page's zone: the day and hour picked are the zone's (the API is asked with tz=), so
/// a reader in Tokyo sees Tokyo's day, not UTC's day in Tokyo's times.
/// </summary>
public sealed partial class ConsoleBrowserTests
{
    [Test]
    public async Task PostbackLog_InAZone_ListsExactlyThatZonesDayAndHour()
    {
        // Tokyo (+9, no daylight saving) begins a day at 15:00 UTC. Refusals one minute either side of the start and
        // of the end of yesterday in Tokyo, all in the past: the log of that Tokyo day holds exactly the middle two.
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var todayInTokyo = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, tokyo).Date;
        var end = new DateTimeOffset(todayInTokyo, TimeSpan.FromHours(9));
        var start = end.AddDays(-1);
        var day = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var clock = new FakeTimeProvider(start.AddMinutes(-1));
        await RestartWithClockAsync(clock);
        var times = new[] { ("Before", start.AddMinutes(-1)), ("First", start.AddMinutes(1)), ("Last", end.AddMinutes(-1)), ("After", end.AddMinutes(1)) };
        foreach (var (network, at) in times)
        {
            clock.SetUtcNow(at);
            Assert.That((await http.GetAsync($"/wp-json/trax/v1/ftd?clickid=%7Bclickid%7D&network={network}")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        }

        await page.GotoAsync($"/console/postbacks?date={day}&tz=Asia%2FTokyo");
        await SignInAsync();
        var rows = page.Locator(".log-row");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Locator(".network")).ToHaveTextAsync(["Last", "First"]);
        await Expect(rows.Locator(".time")).ToHaveTextAsync([$"{day} 23:59:00", $"{day} 00:01:00"]);
        await Expect(page.GetByLabel("Day (Asia/Tokyo)")).ToHaveValueAsync(day);
        await Expect(page.Locator(".summary")).ToContainTextAsync($"on {day} (Asia/Tokyo)");

        // The zone's clock hour 0 is its first hour, 15:00 UTC the day before.
        await page.GetByLabel("Hour (Asia/Tokyo)").SelectOptionAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"\\?date={day}&hour=0&tz=Asia%2FTokyo$"));
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.Locator(".network")).ToHaveTextAsync("First");

        // The same day in UTC is another 24 hours: its rows are the last two.
        await page.GotoAsync($"/console/postbacks?date={day}");
        await Expect(rows.Locator(".network")).ToHaveTextAsync(["After", "Last"]);
        await AssertNoProblemsAsync();
    }

    /// <summary>Trax, its host and the page again, on a clock the test moves.</summary>
    private async Task RestartWithClockAsync(TimeProvider clock)
    {
        await context.DisposeAsync();
        http.Dispose();
        await host.DisposeAsync();
        await trax.DisposeAsync();
        trax = await TraxApp.StartAsync(time: clock);
        host = await LoopbackHost.StartAsync(trax);
        http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(host.BaseUrl) };
        await OpenPageAsync(1280, 900);
    }
}
