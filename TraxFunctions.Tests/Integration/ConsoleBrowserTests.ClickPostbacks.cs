using System.Net;
using Microsoft.Playwright;

namespace Trax.Tests.Integration;

/// <summary>A conversion's page follows the pages of its postback log rows (GET /api/conversions/postbacks), in Chromium.</summary>
public sealed partial class ConsoleBrowserTests
{
    [Test]
    public async Task ConversionPage_MoreLogRowsThanAPage_ShowsThePageSaysMoreFollowAndShowMoreReadsTheRest()
    {
        await PostbackAsync("/wp-json/trax/v1/ftd?clickid=flood-1&network=AffiliateWeb");
        // 101 refused ftds of the click and the creation: 102 rows, one more than the API's page of 100 and a second page.
        for (var i = 0; i < 101; i++)
        {
            Assert.That((await http.GetAsync("/wp-json/trax/v1/ftd?clickid=flood-1&payout=abc")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        }

        await page.GotoAsync("/console/conversions/view?id=flood-1/ftd");
        await SignInAsync();
        var rows = page.Locator(".postback-row");
        await Expect(rows).ToHaveCountAsync(100);
        await Expect(page.Locator("#postbacks-summary")).ToContainTextAsync("The newest 100 postback log rows about this conversion");
        await Expect(page.Locator("#postbacks-summary")).ToContainTextAsync("there are more");

        await page.GetByRole(AriaRole.Button, new() { Name = "Show more" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(102);
        await Expect(page.Locator("#postbacks-summary")).ToContainTextAsync("102 postback log rows about this conversion");
        await Expect(rows.Last).ToContainTextAsync("clickid=flood-1&network=AffiliateWeb"); // the oldest: the accepted ftd (an orphan: no click)
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Show more" })).ToHaveCountAsync(0);
        await AssertNoProblemsAsync();
    }
}
