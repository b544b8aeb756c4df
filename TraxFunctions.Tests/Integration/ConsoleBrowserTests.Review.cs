using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Trax.Tests.Integration;

/// <summary>The hostile review of the forwards, postback log, conversions, links, poison and sign-in screens.</summary>
public sealed partial class ConsoleBrowserTests
{
    [Test]
    public async Task Logs_RefusedPageToken_ShowTheApisReasonInsteadOfNothing()
    {
        await PutForwardAsync("ads", """{"url":"https://ads.example/pb?c={clickid}"}""");
        await page.GotoAsync("/console/postbacks?page=not-a-token");
        await SignInAsync();
        // The refusal names a parameter no field shows (continuationToken): it must be shown, not hidden as a field's.
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("invalid-continuation-token");

        await page.GotoAsync("/console/forwards/deliveries?id=ads&page=not-a-token");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("invalid-continuation-token");

        await page.GotoAsync($"/console/conversions?from={Day(0)}&to={Day(0)}&page=not-a-token");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("invalid-continuation-token");
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task Conversion_AfterAReplay_ItsDeliveriesAreReadAgainWithoutLeavingThePage()
    {
        await using var receiver = await ForwardReceiver.StartAsync();
        await PutForwardAsync("ads", $$"""{"url":"{{receiver.BaseUrl}}/pb?c={clickid}&status={status}"}""");
        await RegisterClicksAsync(new { clickId = "85512345", linkId = "supergame1", network = "AffiliateWeb", program = "SuperGame1" });
        await PostbackAsync("/wp-json/trax/v1/sale?clickid=85512345&network=AffiliateWeb&txid=T-1&payout=25.50&currency=EUR");
        await trax.DeliverForwardsAsync();

        await page.GotoAsync("/console/conversions/view?id=85512345%2Fsale%3AT-1");
        await SignInAsync();
        var deliveries = page.Locator("#deliveries ~ ol .delivery");
        await Expect(deliveries).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Replay to ads" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Replay queued as job");
        await trax.DeliverForwardsAsync();
        Assert.That(receiver.Received, Has.Count.EqualTo(2));

        // The replay's attempt is read on the page, without reloading the browser tab.
        await page.GetByRole(AriaRole.Button, new() { Name = "Read the deliveries again" }).ClickAsync();
        await Expect(deliveries).ToHaveCountAsync(2);
        await Expect(deliveries.First).ToContainTextAsync("(replay)");
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task Console_KeyWithACharacterNoHeaderCanCarry_IsRefusedAtTheSignIn()
    {
        // A key pasted with a typographic quote: fetch cannot put it in a header, so no call could ever be made with it.
        await page.GotoAsync("/console/postbacks");
        await page.GetByLabel("Function key").FillAsync(host.FunctionKey + "\u2019");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("cannot be part of a function key");
        await Expect(page.GetByLabel("Function key")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.That(await page.EvaluateAsync<int>("() => sessionStorage.length"), Is.Zero, "a key that cannot be sent is not kept");
        Assert.That(host.Requests.Where(r => r.PathAndQuery.StartsWith("/api/", StringComparison.Ordinal)), Is.Empty);

        await SignInAsync();
        await Expect(page.GetByText("No postbacks match.")).ToBeVisibleAsync();
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task ConversionSearch_RefusedTypeOrStatus_MarksItsSelectInvalidAndDescribedByTheMessage()
    {
        await page.GotoAsync($"/console/conversions?from={Day(0)}&to={Day(0)}&status=paid");
        await SignInAsync();
        await Expect(page.Locator("#cs-status-error")).ToBeVisibleAsync();
        // A screen reader on the select hears that it is invalid and why, as on every other field.
        await Expect(page.GetByLabel("Status", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Status", new() { Exact = true })).ToHaveAttributeAsync("aria-describedby", "cs-status-error");

        await page.GotoAsync($"/console/conversions?from={Day(0)}&to={Day(0)}&type=lead");
        await Expect(page.Locator("#cs-type-error")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Type", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Type", new() { Exact = true })).ToHaveAttributeAsync("aria-describedby", "cs-type-error");
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task PagesOfOneForwardOrLink_WithoutAnIdInTheUrl_SayWhatIsMissingAndCallNothing()
    {
        await page.GotoAsync("/console/forwards");
        await SignInAsync();
        await Expect(page.GetByText("No forwards yet.")).ToBeVisibleAsync();
        var before = host.Requests.Count;

        foreach (var (url, what) in new[] { ("/console/forwards/deliveries", "forward"), ("/console/forwards/edit", "forward"), ("/console/links/edit", "link") })
        {
            await page.GotoAsync(url);
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"No {what} is named in the address");
        }

        Assert.That(host.Requests.Skip(before).Where(r => r.PathAndQuery.StartsWith("/api/", StringComparison.Ordinal)).Select(r => r.PathAndQuery), Is.Empty);
        await AssertNoProblemsAsync();
    }
}
