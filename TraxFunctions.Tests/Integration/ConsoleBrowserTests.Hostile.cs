using Microsoft.Playwright;

namespace Trax.Tests.Integration;

/// <summary>
/// The hostile review's defects: links inside a screen that dropped the picked zone (the next screen opened in UTC
/// while the top navigation kept the zone).
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
}
