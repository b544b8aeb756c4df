using Microsoft.Playwright;

namespace Trax.Tests.Integration;

/// <summary>
/// The fourth review's defects, found as a daily user moving around: a forward's preview with no busy state whose
/// older answer replaced the newer one.
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
}
