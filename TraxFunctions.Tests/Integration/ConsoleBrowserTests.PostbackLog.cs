using System.Net;
using Microsoft.Playwright;

namespace Trax.Tests.Integration;

/// <summary>
/// The postback log: a rejected postback's reason and request, hostile values shown as text, a refused filter
/// under its field, paging and Back, and auto-refresh.
/// </summary>
public sealed partial class ConsoleBrowserTests
{
    [Test]
    public async Task PostbackLog_RejectedPostback_ShowsItsReasonAndItsRequest()
    {
        var rejected = await http.GetAsync("/wp-json/trax/v1/reg?clickid=%7Bclickid%7D&network=AffiliateWeb");
        Assert.That(rejected.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await http.GetAsync("/wp-json/trax/v1/ftd?clickid=85512345&network=AffiliateWeb&payout=25.50&currency=EUR")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await trax.DrainAsync(), Is.EqualTo(1));

        await page.GotoAsync("/console/postbacks");
        await SignInAsync();
        await Expect(page.Locator(".log-row")).ToHaveCountAsync(2);
        await page.GetByLabel("Outcome").SelectOptionAsync("rejected");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/postbacks\\?outcome=rejected$"));
        var row = page.Locator(".log-row");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("unreplaced-macro");
        await row.GetByRole(AriaRole.Button).ClickAsync();
        var detail = row.Locator(".log-detail");
        await Expect(detail).ToContainTextAsync("HTTP status400");
        await Expect(detail).ToContainTextAsync("clickid=%7Bclickid%7D&network=AffiliateWeb");
        await Expect(detail.Locator(".pairs")).ToContainTextAsync("{clickid}");
        await Expect(detail).ToContainTextAsync("127.0.0.1");
        await Screenshot("postback-log");

        // Back returns to the unfiltered log, as it was.
        await page.GoBackAsync();
        await Expect(page.Locator(".log-row")).ToHaveCountAsync(2);
        await Expect(page.GetByLabel("Outcome")).ToHaveValueAsync("");
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task PostbackLog_HostileValues_AreShownAsTextAndNeverRun()
    {
        const string network = "<img src=x onerror=alert(1)>";
        const string sub1 = "<script>alert(2)</script>";
        var query = $"clickid=x-1&network={Uri.EscapeDataString(network)}&program={Uri.EscapeDataString("<b onmouseover=alert(3)>P</b>")}&sub1={Uri.EscapeDataString(sub1)}";
        Assert.That((await http.GetAsync("/wp-json/trax/v1/ftd?" + query)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        // A rejected one too: its raw query is logged by the HTTP function, unprocessed.
        Assert.That((await http.GetAsync($"/wp-json/trax/v1/sale?network={Uri.EscapeDataString(network)}&sub1={Uri.EscapeDataString(sub1)}")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await trax.DrainAsync(), Is.EqualTo(1));

        await page.GotoAsync("/console/postbacks");
        await SignInAsync();
        var rows = page.Locator(".log-row");
        await Expect(rows).ToHaveCountAsync(2);
        for (var i = 0; i < 2; i++)
        {
            await rows.Nth(i).GetByRole(AriaRole.Button).ClickAsync();
        }

        await Expect(page.Locator(".log-detail")).ToHaveCountAsync(2);
        await Expect(rows.First.Locator(".log-summary .network")).ToHaveTextAsync(network);
        await Expect(page.Locator(".pairs").First).ToContainTextAsync(sub1);
        Assert.That(await page.Locator("main img, main script, main b").CountAsync(), Is.Zero, "no markup from a postback became an element");
        Assert.That(await page.EvaluateAsync<bool>("() => document.body.innerText.includes('<script>alert(2)</script>')"), Is.True);
        await page.Locator(".log-summary .network").First.HoverAsync();
        await Screenshot("postback-log-hostile");
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task PostbackLog_BadFilter_ShowsTheApisMessageNextToTheField()
    {
        await page.GotoAsync("/console/postbacks?network=" + new string('n', 201));
        await SignInAsync();

        var error = page.Locator("#f-network-error");
        await Expect(error).ToContainTextAsync("The network parameter must be 1 to 200 characters");
        await Expect(page.GetByLabel("Network")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Network")).ToHaveAttributeAsync("aria-describedby", "f-network-error");
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task PostbackLog_Pages_FollowTheContinuationTokenAndBackReturns()
    {
        for (var i = 0; i < 55; i++)
        {
            Assert.That((await http.GetAsync($"/wp-json/trax/v1/ftd?clickid=%7Bclickid%7D&network=N{i}")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        }

        await page.GotoAsync("/console/postbacks");
        await SignInAsync();
        await Expect(page.Locator(".log-row")).ToHaveCountAsync(50);
        await Expect(page.Locator(".log-row").First).ToContainTextAsync("N54", new() { Timeout = 5000 });

        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await Expect(page.Locator(".log-row")).ToHaveCountAsync(5);
        await Expect(page.Locator(".log-row").Last).ToContainTextAsync("N0");
        Assert.That(page.Url, Does.Contain("page="));

        await page.GoBackAsync();
        await Expect(page.Locator(".log-row")).ToHaveCountAsync(50);
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task PostbackLog_AutoRefresh_ShowsANewPostbackWithoutAReload()
    {
        await page.GotoAsync("/console/postbacks");
        await SignInAsync();
        await Expect(page.GetByText("No postbacks match.")).ToBeVisibleAsync();

        await page.GetByLabel("Auto-refresh every 10 s").CheckAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("live=1"));
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");
        Assert.That((await http.GetAsync("/wp-json/trax/v1/ftd?clickid=%7Bclickid%7D&network=TestNetwork")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        await Expect(page.Locator(".log-row")).ToContainTextAsync("TestNetwork", new() { Timeout = 20_000 });
        Assert.That(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), Is.True, "refreshed in place, not reloaded");
        await AssertNoProblemsAsync();
    }
}
