using System.Net;
using Microsoft.Playwright;

namespace Trax.Tests.Integration;

/// <summary>
/// Moving through the console: every screen's URL and Back, and signing in and opening a log row by keyboard alone.
/// </summary>
public sealed partial class ConsoleBrowserTests
{
    [Test]
    public async Task Console_EveryScreen_HasItsUrlAndBackWalksThem()
    {
        string[] titles = ["Overview", "Conversions", "Postback log", "Network setup", "Links", "Forwards", "Poison", "Reports"];
        string[] paths = ["/console/", "/console/conversions", "/console/postbacks", "/console/networks", "/console/links", "/console/forwards", "/console/poison", "/console/reports"];
        await page.GotoAsync("/console");
        await SignInAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Screens" });
        for (var i = 0; i < titles.Length; i++)
        {
            await nav.GetByRole(AriaRole.Link, new() { Name = titles[i], Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = titles[i], Level = 1 })).ToBeVisibleAsync();
            Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo(paths[i]));
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = titles[i], Exact = true })).ToHaveAttributeAsync("aria-current", "page");
            Assert.That(await page.TitleAsync(), Is.EqualTo($"{titles[i]} · Trax console"));
            await Screenshot("screen-" + paths[i].Split('/')[^1] switch { "" => "overview", var name => name });
        }

        for (var i = titles.Length - 2; i >= 0; i--)
        {
            await page.GoBackAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = titles[i], Level = 1 })).ToBeVisibleAsync();
        }

        // A bookmark of a screen opens that screen; an unknown one says so.
        await page.GotoAsync("/console/reports");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Reports", Level = 1 })).ToBeVisibleAsync();
        await page.GotoAsync("/console/no-such-screen");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No such screen" })).ToBeVisibleAsync();
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task Console_ByKeyboardAlone_SignsInAndOpensALogRow()
    {
        Assert.That((await http.GetAsync("/wp-json/trax/v1/ftd?clickid=%7Bclickid%7D&network=AffiliateWeb")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        await page.GotoAsync("/console");

        // The key field has the focus on arrival (waited for: typing before the app mounts would lose keys).
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Function key" })).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(host.FunctionKey);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();

        await TabToAsync("Postback log");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Postback log", Level = 1 })).ToBeFocusedAsync();

        await TabToAsync("unreplaced-macro", contains: true);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".log-summary").First).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(page.Locator(".log-detail")).ToContainTextAsync("HTTP status400");

        // The skip link is the first stop, and leads to the content.
        await page.GotoAsync("/console/postbacks");
        await page.Keyboard.PressAsync("Tab");
        Assert.That(await page.EvaluateAsync<string>("() => document.activeElement.textContent"), Is.EqualTo("Skip to content"));
        await AssertNoProblemsAsync();
    }
}
