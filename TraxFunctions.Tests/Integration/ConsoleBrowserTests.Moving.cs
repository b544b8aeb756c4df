using Microsoft.Playwright;

namespace Trax.Tests.Integration;

/// <summary>
/// The fourth review's defects, found as a daily user moving around: a forward's preview with no busy state whose
/// older answer replaced the newer one, and a picked time zone the top navigation forgot.
/// </summary>
public sealed partial class ConsoleBrowserTests
{
    [Test]
    public async Task ForwardPreview_OlderAnswerArrivingLast_DoesNotReplaceTheNewerPreview()
    {
        await page.GotoAsync("/console/forwards/new");
        await SignInAsync();
        var url = page.GetByLabel("URL", new() { Exact = true });
        var previewButton = page.GetByRole(AriaRole.Button, new() { Name = "Preview the request" });

        // The first preview is slow: the reader sees it being read, changes the URL and previews again meanwhile.
        var held = new TaskCompletionSource<IRoute>();
        await page.RouteAsync("**/api/forwards/preview", async route =>
        {
            if (!held.TrySetResult(route))
            {
                await route.ContinueAsync();
            }
        });
        await page.GetByLabel("Id", new() { Exact = true }).FillAsync("ads");
        await url.FillAsync("https://partner.example/pb?cid={sub1}&v=old");
        await previewButton.ClickAsync();
        var old = await held.Task;
        await Expect(page.Locator(".preview")).ToContainTextAsync("Previewing the request…");
        await Expect(page.Locator(".preview")).ToHaveAttributeAsync("aria-busy", "true");

        await url.FillAsync("https://partner.example/pb?cid={sub1}&v=new");
        await previewButton.ClickAsync();
        await Expect(page.Locator("#fwd-preview")).ToContainTextAsync("GET https://partner.example/pb?cid=gclid-abc&v=new");

        var stale = page.WaitForRequestFinishedAsync(new() { Predicate = r => r.Url.Contains("/api/forwards/preview", StringComparison.Ordinal) });
        await old.ContinueAsync();
        await stale;
        await SettleAsync();
        await Expect(page.Locator("#fwd-preview")).ToContainTextAsync("v=new");
        await Expect(page.Locator("#fwd-preview")).Not.ToContainTextAsync("v=old");
        await Expect(page.Locator(".preview")).Not.ToContainTextAsync("Previewing the request…");
        await Expect(page.Locator(".preview")).Not.ToHaveAttributeAsync("aria-busy", "true");
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task TopNavigation_KeepsThePickedZone_OnEveryScreenItOpens()
    {
        await page.GotoAsync("/console/");
        await SignInAsync();
        await page.GetByLabel("Time zone").SelectOptionAsync("Europe/Berlin");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("tz=Europe%2FBerlin"));
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Screens" });

        await nav.GetByRole(AriaRole.Link, new() { Name = "Postback log", Exact = true }).ClickAsync();
        await Expect(page.GetByLabel("Day (Europe/Berlin)")).ToBeVisibleAsync();
        await Expect(page.GetByText("Times are in Europe/Berlin.", new() { Exact = true })).ToBeVisibleAsync();

        // Through a screen with no times of its own, to the conversions and back to the overview: still Berlin.
        await nav.GetByRole(AriaRole.Link, new() { Name = "Network setup", Exact = true }).ClickAsync();
        await nav.GetByRole(AriaRole.Link, new() { Name = "Conversions", Exact = true }).ClickAsync();
        await Expect(page.GetByLabel("From (day in Europe/Berlin)")).ToBeVisibleAsync();
        await nav.GetByRole(AriaRole.Link, new() { Name = "Overview", Exact = true }).ClickAsync();
        await Expect(page.GetByLabel("Time zone")).ToHaveValueAsync("Europe/Berlin");

        // Picking UTC again is kept the same way: the links then name no zone.
        await page.GetByLabel("Time zone").SelectOptionAsync("UTC");
        await nav.GetByRole(AriaRole.Link, new() { Name = "Postback log", Exact = true }).ClickAsync();
        await Expect(page.GetByLabel("Day (UTC)")).ToBeVisibleAsync();
        await AssertNoProblemsAsync();
    }
}
