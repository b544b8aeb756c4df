using System.Net;
using Microsoft.Playwright;

namespace Trax.Tests.Integration;

/// <summary>
/// What a screen reader hears: a live region's text announced when it says something new (not the postback log's
/// clock every 10 s), and an action's outcome announced each time, even when it reads as the one before.
/// </summary>
public sealed partial class ConsoleBrowserTests
{
    // Records a live region's text each time something inside it changed: what a screen reader would announce. A
    // text set to the value it had changes nothing a reader hears (Preact rewrites some unchanged text nodes).
    private const string SaidScript = """
        window.__said = [];
        new MutationObserver(records => {
          const regions = new Set();
          for (const r of records) {
            if (r.type === 'characterData' && r.oldValue === r.target.data) continue;
            const node = r.target instanceof Element ? r.target : r.target.parentElement;
            const region = node?.closest('[role=status],[role=alert],[aria-live=polite],[aria-live=assertive]');
            if (region) regions.add(region);
          }
          for (const e of regions) if (e.textContent.trim()) window.__said.push(e.textContent.trim().slice(0, 80));
        }).observe(document, { childList: true, subtree: true, characterData: true, characterDataOldValue: true });
        """;

    [Test]
    public async Task PostbackLog_AutoRefresh_AnnouncesNewRowsOnlyNotEveryRefresh()
    {
        Assert.That((await http.GetAsync("/wp-json/trax/v1/ftd?clickid=%7Bclickid%7D&network=First")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        await page.Clock.InstallAsync();
        await context.AddInitScriptAsync(SaidScript);
        await page.GotoAsync("/console/postbacks?live=1");
        await SignInAsync();
        var rows = page.Locator(".log-row");
        await Expect(rows).ToHaveCountAsync(1);
        var updated = page.Locator(".toolbar").GetByText("Updated ");
        var before = await updated.TextContentAsync();
        await page.EvaluateAsync("() => window.__said.splice(0)");

        // A refresh with nothing new: the time of the refresh changes on screen, and nothing is said.
        await page.Clock.RunForAsync(10_000);
        await Expect(updated).Not.ToHaveTextAsync(before!);
        Assert.That(await page.EvaluateAsync<string[]>("() => window.__said.splice(0)"), Is.Empty);

        // A refresh with a new row: the count is said.
        Assert.That((await http.GetAsync("/wp-json/trax/v1/ftd?clickid=%7Bclickid%7D&network=Second")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        await page.Clock.RunForAsync(10_000);
        await Expect(rows).ToHaveCountAsync(2);
        Assert.That(await page.EvaluateAsync<string[]>("() => window.__said.splice(0)"), Has.Some.StartsWith("2 postbacks"));
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task Poison_TwoReplaysWithTheSameOutcome_AnnouncesBoth()
    {
        await trax.RawPoisonQueue.SendMessageAsync(Convert.ToBase64String("{\"v\":7}"u8.ToArray()));
        await trax.RawPoisonQueue.SendMessageAsync(Convert.ToBase64String("{\"v\":8}"u8.ToArray()));
        await context.AddInitScriptAsync(SaidScript);
        await page.GotoAsync("/console/poison");
        await SignInAsync();
        var cards = page.Locator(".card");
        await Expect(cards).ToHaveCountAsync(2);

        await cards.First.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();
        await Expect(cards).ToHaveCountAsync(1);
        await cards.First.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();
        await Expect(cards).ToHaveCountAsync(0);

        // Polled with a deadline: the second announcement comes a frame after the list's reload at the latest.
        const string Replayed = "Replayed 1 message to the postback queue.";
        await page.WaitForFunctionAsync($"() => window.__said.filter(t => t === '{Replayed}').length >= 2", null, new() { Timeout = 5_000 });
        Assert.That((await page.EvaluateAsync<string[]>("() => window.__said")).Count(t => t == Replayed), Is.EqualTo(2));
        await AssertNoProblemsAsync();
    }
}
