using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Trax.Tests.Integration;

/// <summary>
/// Poison (list, replay, a refused key) and the network setup (its URL, its check sending nothing), and what the
/// screens' tests share: postbacks, links and clicks sent over the APIs, and the APIs' answers read. Same browser,
/// host and watch for dialogs, console errors and CSP violations as the rest of <see cref="ConsoleBrowserTests"/>.
/// </summary>
public sealed partial class ConsoleBrowserTests
{
    [Test]
    public async Task Poison_ListsAndReplays_AndSaysClearlyWhenTheKeyIsRefused()
    {
        await trax.RawPoisonQueue.SendMessageAsync(Convert.ToBase64String("{\"v\":7}"u8.ToArray()));
        Assert.That((await http.GetAsync("/wp-json/trax/v1/sale?clickid=85512345&txid=T-1")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var original = (await trax.ReceiveAllAsync()).Single();
        await trax.RawPoisonQueue.SendMessageAsync(original.MessageText);
        await trax.RawQueue.DeleteMessageAsync(original.MessageId, original.PopReceipt);

        await page.GotoAsync("/console/poison");
        await SignInAsync();
        var cards = page.Locator(".card");
        await Expect(cards).ToHaveCountAsync(2);
        await Expect(cards.First).ToContainTextAsync("version 7");
        await Screenshot("poison");

        await cards.Nth(1).GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Replayed 1 message to the postback queue.");
        await Expect(cards).ToHaveCountAsync(1);
        Assert.That(await trax.DrainAsync(), Is.EqualTo(1), "the replayed message is processed");
        Assert.That(await trax.ConversionsAsync(), Has.Count.EqualTo(1));

        // A key the admin API refuses: the screen says why, and the console stays signed in.
        await page.EvaluateAsync("() => sessionStorage.setItem('trax.functionKey', 'not-an-admin-key')");
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This key cannot open the poison queue.");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("host key");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await Screenshot("poison-refused");
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task NetworkSetup_BuildsThePostbackUrl_AndTheCheckRefusesAnUnreplacedClickIdQueuingNothing()
    {
        await page.GotoAsync("/console/networks");
        await SignInAsync();
        await page.GetByLabel("Conversion type").SelectOptionAsync("sale");
        await page.GetByLabel("Network platform").SelectOptionAsync(new SelectOptionValue { Label = "CAKE" });
        await page.GetByLabel("Network name").FillAsync("Affiliate Web");
        await page.GetByLabel("This network is protected by a token").CheckAsync();
        await Expect(page.GetByLabel("The URL to paste into the network")).ToHaveValueAsync(
            $"{host.BaseUrl}/wp-json/trax/v1/sale?clickid=#s2#&network=Affiliate%20Web&txid=#leadid#&payout=#price#&token=REPLACE_WITH_THE_NETWORK_TOKEN");
        await Expect(page.Locator("main")).ToContainTextAsync("Trax__Security__Networks__Affiliate Web__Token");

        Assert.That(host.Requests.Where(r => r.Function == "ListNetworks").Select(r => r.Status), Is.EqualTo(new[] { 200 }), "the settings' networks, read once");
        var before = host.Requests.Count;
        await page.GetByLabel("Postback URL", new() { Exact = true }).FillAsync($"{host.BaseUrl}/wp-json/trax/v1/ftd?clickid=%7Bclickid%7D&network=AffiliateWeb");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Expect(page.Locator(".pairs")).ToContainTextAsync("{clickid}");
        var verdict = page.Locator("#check ~ form .verdict");
        await Expect(verdict).ToContainTextAsync("Trax would refuse it (HTTP 400).");
        await Expect(verdict.Locator(".reason")).ToHaveTextAsync("unreplaced-macro");
        await Expect(verdict).ToContainTextAsync("still the network's placeholder");
        await Screenshot("network-setup");

        // A URL that would be accepted: what would be stored, with the warning for the placeholder left in the txid.
        await page.GetByLabel("Postback URL", new() { Exact = true }).FillAsync($"{host.BaseUrl}/wp-json/trax/v1/sale?clickid=85512345&network=AffiliateWeb&txid=%7Border_id%7D&payout=25.50&currency=EUR");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Expect(verdict).ToContainTextAsync("Trax would accept it (HTTP 200) and store:");
        await Expect(verdict.Locator("dl")).ToContainTextAsync("85512345");
        await Expect(verdict.Locator("dl")).ToContainTextAsync("25.50");
        await Expect(verdict.Locator(".warnings")).ToHaveTextAsync("txid:unreplaced-macro");

        var calls = host.Requests.Skip(before).Where(r => !r.PathAndQuery.StartsWith("/console", StringComparison.Ordinal)).Select(r => (r.PathAndQuery, r.Status)).ToList();
        Assert.That(calls, Is.EqualTo(new[] { ("/api/postbacks/check", 200), ("/api/postbacks/check", 200) }), "one call per check, and no postback sent");
        Assert.That(await trax.ReceiveAllAsync(), Is.Empty, "nothing was queued");
        Assert.That(await trax.PostbackLog.QueryAsync<Azure.Data.Tables.TableEntity>().ToListAsync(), Is.Empty, "nothing was logged");
        await AssertNoProblemsAsync();
    }

    /// <summary>A postback over HTTP, accepted, then processed.</summary>
    private async Task PostbackAsync(string pathAndQuery)
    {
        var answer = await http.GetAsync(pathAndQuery);
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), pathAndQuery);
        Assert.That(await trax.DrainAsync(), Is.EqualTo(1), pathAndQuery);
    }

    /// <summary>A link of AffiliateWeb's SuperGame1 made through the API, with its campaign and a 30-day window.</summary>
    private async Task CreateLinkAsync(string id, string campaign)
    {
        using var link = new HttpRequestMessage(HttpMethod.Post, "/api/links")
        {
            Content = new StringContent($$"""{"id":"{{id}}","destination":"https://network.example/c?o=12&sub={clickid}","network":"AffiliateWeb","program":"SuperGame1","campaign":"{{campaign}}","attributionWindowDays":30}""", Encoding.UTF8, "application/json"),
        };
        link.Headers.Add("x-functions-key", host.FunctionKey);
        Assert.That((await http.SendAsync(link)).StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    /// <summary>Clicks registered as a site plugin would: POST /api/clicks with the function key.</summary>
    private async Task RegisterClicksAsync(params object[] clicks)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/clicks") { Content = new StringContent(JsonSerializer.Serialize(clicks), Encoding.UTF8, "application/json") };
        request.Headers.Add("x-functions-key", host.FunctionKey);
        var answer = await http.SendAsync(request);
        Assert.That(answer.IsSuccessStatusCode, Is.True, await answer.Content.ReadAsStringAsync());
    }

    private async Task<string> ApiTextAsync(string pathAndQuery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Add("x-functions-key", host.FunctionKey);
        var answer = await http.SendAsync(request);
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), pathAndQuery);
        return await answer.Content.ReadAsStringAsync();
    }

    private async Task<JsonDocument> ApiJsonAsync(string pathAndQuery) => JsonDocument.Parse(await ApiTextAsync(pathAndQuery));

    private async Task<string?> ValueAsync(string selector) => await page.Locator(selector).GetAttributeAsync("data-value");

    private static string Day(int offset) => DateTime.UtcNow.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
