using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Trax.Tests.Integration;

/// <summary>
/// A link and a forward made in the console, working end to end (through <c>/go</c>, a postback, a real receiver),
/// and the forward's delivery log.
/// </summary>
public sealed partial class ConsoleBrowserTests
{
    [Test]
    public async Task LinkAndForward_CreatedInTheConsole_RedirectAndDeliverAndShowInTheDeliveryLog()
    {
        await using var receiver = await ForwardReceiver.StartAsync();
        await page.GotoAsync("/console/links");
        await SignInAsync();
        await Expect(page.GetByText("No links yet.")).ToBeVisibleAsync();

        // By keyboard: to the New link button, and the form's fields in order.
        await TabToAsync("New link");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New link", Level = 1 })).ToBeFocusedAsync();
        await page.GetByLabel("Id", new() { Exact = true }).FocusAsync();
        await page.Keyboard.TypeAsync("summer");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("https://network.example/c?o=12");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("AffiliateWeb");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("SuperGame1");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("november");
        await page.Keyboard.PressAsync("Enter");

        // The API's refusal, next to the field it is about.
        var destination = page.GetByLabel("Destination");
        await Expect(page.Locator("#link-destination-error")).ToContainTextAsync("The destination must contain {clickid}");
        await Expect(destination).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(destination).ToBeFocusedAsync();
        await Screenshot("link-refused");
        await destination.FillAsync("https://network.example/c?o=12&sub={clickid}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved link summer.");
        await Expect(page.Locator(".card")).ToContainTextAsync($"Tracking URL{host.BaseUrl}/go/summer");
        await Screenshot("links");

        // A forward, first with a macro Trax does not fill.
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Screens" });
        await nav.GetByRole(AriaRole.Link, new() { Name = "Forwards", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New forward" }).ClickAsync();
        await page.GetByLabel("Id", new() { Exact = true }).FillAsync("ads");
        await page.GetByLabel("URL", new() { Exact = true }).FillAsync($"{receiver.BaseUrl}/pb?cid={{subid}}&status={{status}}&token=s3cret");
        await page.GetByLabel("ftd").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create forward" }).ClickAsync();
        await Expect(page.Locator("#fwd-url-error")).ToContainTextAsync("{subid} is not a macro Trax fills");
        await Screenshot("forward-refused");
        await page.GetByLabel("URL", new() { Exact = true }).FillAsync($"{receiver.BaseUrl}/pb?cid={{sub1}}&status={{status}}&conversion={{conversionid}}&token=s3cret");

        // The preview: the request Trax would send for a sample conversion, rendered by Trax and sent nowhere.
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the request" }).ClickAsync();
        await Expect(page.Locator("#fwd-preview")).ToContainTextAsync($"GET {receiver.BaseUrl}/pb?cid=gclid-abc&status=approved&conversion=85512345%2Fsale%3AT-1001&token=s3cret");
        await Expect(page.Locator("#fwd-preview")).ToContainTextAsync("a sample conversion");
        Assert.That(receiver.Received, Is.Empty, "a preview sends nothing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create forward" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved forward ads.");
        await Expect(page.Locator(".card")).ToContainTextAsync($"GET {receiver.BaseUrl}/pb?…");
        Assert.That(await page.Locator(".card").InnerTextAsync(), Does.Not.Contain("s3cret"), "the list shows no query, where secrets sit");
        await Screenshot("forwards");

        // They work: a visit through /go, the network's postback, the forward delivered.
        var visit = await http.GetAsync("/go/summer?sub1=gclid-777");
        Assert.That(visit.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        var clickId = Regex.Match(visit.Headers.Location!.ToString(), "sub=([A-Za-z0-9_-]{22})$").Groups[1].Value;
        Assert.That(clickId, Has.Length.EqualTo(22), visit.Headers.Location!.ToString());
        await PostbackAsync($"/wp-json/trax/v1/ftd?clickid={clickId}&network=AffiliateWeb&payout=10&currency=EUR");
        await trax.DeliverForwardsAsync();
        var received = receiver.Received.Single();
        Assert.That(received.Query["cid"], Is.EqualTo("gclid-777"));
        Assert.That(received.Query["status"], Is.EqualTo("approved"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Delivery log of ads" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Deliveries of ads", Level = 1 })).ToBeVisibleAsync();
        var attempt = page.Locator(".delivery");
        await Expect(attempt).ToHaveCountAsync(1);
        await Expect(attempt).ToContainTextAsync("delivered");
        await Expect(attempt).ToContainTextAsync("HTTP 200");
        await Expect(attempt).ToContainTextAsync("token=redacted");
        await Expect(attempt).Not.ToContainTextAsync("s3cret");
        await Screenshot("forward-deliveries");

        // Replay from the log: a new job, delivered again.
        await attempt.GetByRole(AriaRole.Button, new() { Name = $"Replay conversion {clickId}/ftd to ads" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Replay queued as job");
        await trax.DeliverForwardsAsync();
        Assert.That(receiver.Received, Has.Count.EqualTo(2));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.Locator(".delivery")).ToHaveCountAsync(2);
        await Expect(page.Locator(".delivery").First).ToContainTextAsync("(replay)");

        // The attempt names its conversion, whose page shows the link's attribution.
        await page.Locator(".delivery").First.GetByRole(AriaRole.Link, new() { Name = $"{clickId}/ftd" }).ClickAsync();
        await Expect(page.Locator("#attribution + dl")).ToContainTextAsync("Linksummer");
        await Expect(page.Locator("#attribution + dl")).ToContainTextAsync("Sub 1gclid-777");
        await Expect(page.Locator("#deliveries ~ ul .card")).ToContainTextAsync("ads");

        // An orphan can be replayed too: the replay API sends whatever the forward's filters (attribution included) say.
        await PostbackAsync("/wp-json/trax/v1/ftd?clickid=orphan-ads&network=AffiliateWeb&payout=5&currency=EUR");
        await page.GotoAsync("/console/conversions/view?id=orphan-ads/ftd");
        await page.GetByRole(AriaRole.Button, new() { Name = "Replay to ads" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Replay queued as job");
        await trax.DeliverForwardsAsync();
        Assert.That(receiver.Received, Has.Count.EqualTo(3));
        await AssertNoProblemsAsync();
    }
}
