using Microsoft.Playwright;

namespace Trax.Tests.Integration;

/// <summary>A replay's message on a forward's delivery log belongs to the list it was asked from.</summary>
public sealed partial class ConsoleBrowserTests
{
    [Test]
    public async Task DeliveryLog_AfterAReplay_OtherFilters_NoLongerShowTheReplaysMessage()
    {
        await using var receiver = await ForwardReceiver.StartAsync();
        await PutForwardAsync("ads", $$"""{"url":"{{receiver.BaseUrl}}/pb?c={clickid}"}""");
        await RegisterClicksAsync(new { clickId = "85512345" });
        await PostbackAsync("/wp-json/trax/v1/sale?clickid=85512345&txid=T-1&payout=25.50&currency=EUR");
        await trax.DeliverForwardsAsync();

        await page.GotoAsync("/console/forwards/deliveries?id=ads");
        await SignInAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Replay conversion 85512345/sale:T-1 to ads" }).ClickAsync();
        var message = page.GetByText("Replay queued as job");
        await Expect(message).ToBeVisibleAsync();

        await page.GetByLabel("Outcome").SelectOptionAsync("failed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.Locator(".summary")).ToContainTextAsync("No delivery attempts match.");
        await Expect(message).ToHaveCountAsync(0);
        await AssertNoProblemsAsync();
    }
}
