using Microsoft.Playwright;

namespace Trax.Tests.Integration;

/// <summary>
/// The hostile review's defects: links inside a screen that dropped the picked zone (the next screen opened in UTC
/// while the top navigation kept the zone); status texts whose live region came into the page with them (a screen
/// reader announces a change inside a region it already knows, and often nothing for a region inserted with its text);
/// a save refused with no field that left the focus at the start of the page.
/// </summary>
public sealed partial class ConsoleBrowserTests
{
    [Test]
    public async Task Console_EveryLinkInAScreen_KeepsThePickedZone()
    {
        await using var receiver = await ForwardReceiver.StartAsync();
        var screens = await SeedEveryScreenAsync(receiver);
        await page.GotoAsync("/console");
        await SignInAsync();
        var dropped = new List<string>();
        foreach (var (name, url) in screens)
        {
            await OpenScreenAsync(url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "tz=Asia%2FTokyo");
            var hrefs = await page.Locator("main a[href^='/console']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            dropped.AddRange(hrefs.Where(h => !h.Contains("tz=Asia%2FTokyo", StringComparison.Ordinal)).Select(h => $"{name}: {h}"));
        }

        Assert.That(dropped, Is.Empty, string.Join("\n", dropped));

        // Saving goes back to the list in the same zone.
        await OpenScreenAsync("/console/links/edit?id=summer&tz=Asia%2FTokyo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save link" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/links\\?saved=summer&tz=Asia%2FTokyo$"));
        await AssertNoProblemsAsync();
    }

    // Records every polite live region (role=status or aria-live) that entered the page already holding text.
    private const string LateRegionScript = """
        window.__lateRegions = [];
        new MutationObserver(records => {
          for (const r of records) for (const n of r.addedNodes) {
            if (!(n instanceof Element)) continue;
            for (const e of [n, ...n.querySelectorAll('*')]) {
              const live = e.getAttribute('role') === 'status' || ['polite', 'assertive'].includes(e.getAttribute('aria-live'));
              if (live && e.textContent.trim()) window.__lateRegions.push(e.tagName + ': ' + e.textContent.trim().slice(0, 60));
            }
          }
        }).observe(document, { childList: true, subtree: true });
        """;

    [Test]
    public async Task Console_StatusTexts_AppearInsideALiveRegionAlreadyInThePage()
    {
        await using var receiver = await ForwardReceiver.StartAsync();
        var screens = await SeedEveryScreenAsync(receiver);
        await context.AddInitScriptAsync(LateRegionScript);
        var late = new List<string>();
        await page.GotoAsync("/console");
        await SignInAsync();
        foreach (var (name, url) in screens)
        {
            // Followed in place, as a reader moves: the screen's loading text and then its answer.
            await page.EvaluateAsync("u => { history.pushState(null, '', u); dispatchEvent(new Event('trax:navigate')); }", url);
            await Expect(page.Locator("h1")).ToBeVisibleAsync();
            await Expect(page.GetByText("Loading…")).ToHaveCountAsync(0);
            late.AddRange((await page.EvaluateAsync<string[]>("() => window.__lateRegions.splice(0)")).Select(t => $"{name}: {t}"));
        }

        await OpenScreenAsync("/console/links/edit?id=summer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save link" }).ClickAsync();
        await Expect(page.GetByText("Saved link summer.")).ToBeVisibleAsync();
        late.AddRange((await page.EvaluateAsync<string[]>("() => window.__lateRegions.splice(0)")).Select(t => $"after a save: {t}"));

        Assert.That(late, Is.Empty, string.Join("\n", late));
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task LinkEditor_SaveFailingWithNoField_LeavesTheFocusOnTheForm()
    {
        await CreateLinkAsync("summer", "november");
        await page.GotoAsync("/console/links/edit?id=summer");
        await SignInAsync();
        await page.RouteAsync("**/api/links/summer", route => route.Request.Method == "PUT"
            ? route.FulfillAsync(new() { Status = 400, ContentType = "application/json", Body = """{"status":400,"reason":"invalid-body","message":"The body was refused."}""" })
            : route.ContinueAsync());

        // By keyboard: the save button pressed with Enter, refused with no field to blame.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save link" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The body was refused.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save link" })).ToBeEnabledAsync();

        Assert.That(await page.EvaluateAsync<string>("() => document.activeElement?.textContent ?? ''"), Is.EqualTo("Save link"), "the focus stays where the reader pressed, not at the page's start");
        await AssertNoProblemsAsync();
    }
}
