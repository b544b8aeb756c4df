using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace Trax.Tests.Integration;

/// <summary>
/// Every screen with data on it (<see cref="SeedEveryScreenAsync"/>): 320 px wide with no sideways scrolling (WCAG
/// reflow), and axe-core finding no serious or critical violation.
/// </summary>
public sealed partial class ConsoleBrowserTests
{
    [Test]
    public async Task Console_AtPhoneWidth_NeedsNoSidewaysScrolling()
    {
        // 320 CSS px: WCAG's reflow width (a 1280 px screen at 400 %), narrower than any phone.
        Assert.That((await http.GetAsync("/wp-json/trax/v1/ftd?clickid=%7Bclickid%7D&network=" + new string('W', 120) + "&ua=" + new string('u', 300))).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        await using var receiver = await ForwardReceiver.StartAsync();
        var screens = await SeedEveryScreenAsync(receiver);
        await context.DisposeAsync();
        await OpenPageAsync(320, 640);

        await page.GotoAsync("/console");
        await AssertFitsAsync("sign-in");
        await Screenshot("phone-sign-in");
        await SignInAsync();
        foreach (var (name, url) in screens)
        {
            await OpenScreenAsync(url);
            await Screenshot("phone-" + name);
            await AssertFitsAsync(name);
        }

        // A table scrolls in its own region, so its words need not be cut to fit: "sale" is not drawn as "sal" and "e".
        await OpenScreenAsync("/console/");
        var lines = await LinesAsync("#type-status tbody th");
        Assert.That(lines, Is.All.EqualTo(1), "each type is drawn on one line");
        // So do a reconciliation's: "only-in-export" is not drawn as "only-", "in-", "expo", "rt", nor "Conversion" a letter a line.
        await OpenScreenAsync(screens.Single(s => s.Name == "reconciliation-result").Url);
        Assert.That(await LinesAsync("table[aria-label='Summary by category'] tbody th"), Is.All.EqualTo(1), "each category is drawn on one line");
        Assert.That(await LinesAsync(".reconciliation-row a"), Is.All.EqualTo(1), "each link is drawn on one line");

        await page.GotoAsync("/console/postbacks");
        await page.Locator(".log-summary").First.ClickAsync();
        await Expect(page.Locator(".log-detail")).ToBeVisibleAsync();
        await AssertFitsAsync("postbacks with a row open");
        await Screenshot("phone-postback-log");
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task Console_Axe_FindsNoSeriousOrCriticalViolations()
    {
        Assert.That((await http.GetAsync("/wp-json/trax/v1/ftd?clickid=%7Bclickid%7D&network=AffiliateWeb")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        await using var receiver = await ForwardReceiver.StartAsync();
        var screens = await SeedEveryScreenAsync(receiver);
        var axe = await File.ReadAllTextAsync(RepoPaths.File("node_modules", "axe-core", "axe.min.js"));
        var found = new List<string>();

        async Task CheckAsync(string where)
        {
            // Evaluated through the DevTools protocol, which the page's CSP does not govern (an inline tag would be refused).
            await page.EvaluateAsync(axe);
            var violations = await page.EvaluateAsync<JsonElement>("async () => (await axe.run(document)).violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')) }))");
            found.AddRange(violations.EnumerateArray()
                .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
                .Select(v => $"{where}: {v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}) at {v.GetProperty("nodes")}"));
        }

        await page.GotoAsync("/console");
        await CheckAsync("sign-in");
        await page.GetByLabel("Function key").FillAsync("wrong");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await CheckAsync("sign-in refused");
        await SignInAsync();
        foreach (var (name, url) in screens)
        {
            await OpenScreenAsync(url);
            await CheckAsync(name);
        }

        await page.GotoAsync("/console/postbacks");
        await page.Locator(".log-summary").First.ClickAsync();
        await Expect(page.Locator(".log-detail")).ToBeVisibleAsync();
        await CheckAsync("postback log with a row open");
        await page.GotoAsync("/console/postbacks?hour=99");
        await Expect(page.Locator("#f-hour-error")).ToBeVisibleAsync();
        await CheckAsync("postback log with a field error");
        await page.GotoAsync("/console/links/new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        await Expect(page.Locator("#link-id-error")).ToBeVisibleAsync();
        await CheckAsync("link form with a field error");
        await page.GotoAsync("/console/networks");
        await page.GetByLabel("This network is protected by a token").CheckAsync();
        await page.GetByLabel("Postback URL", new() { Exact = true }).FillAsync("https://x.example/wp-json/trax/v1/ftd?clickid=1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Expect(page.Locator(".pairs")).ToBeVisibleAsync();
        await CheckAsync("network setup with a check");

        Assert.That(found, Is.Empty, string.Join("\n", found));
        await AssertNoProblemsAsync();
    }

    /// <summary>
    /// Data on every screen (a link and a click through it, a forward and its delivery, a conversion, a poison
    /// message), and the address of each screen with it.
    /// </summary>
    private async Task<(string Name, string Url)[]> SeedEveryScreenAsync(ForwardReceiver receiver)
    {
        await CreateLinkAsync("summer", "november");

        using (var forward = new HttpRequestMessage(HttpMethod.Put, "/api/forwards/ads")
        {
            Content = new StringContent($$"""{"url":"{{receiver.BaseUrl}}/pb?cid={sub1}&status={status}&token=s3cret","types":["ftd"],"networks":["AffiliateWeb"]}""", System.Text.Encoding.UTF8, "application/json"),
        })
        {
            forward.Headers.Add("x-functions-key", host.FunctionKey);
            Assert.That((await http.SendAsync(forward)).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var visit = await http.GetAsync("/go/summer?sub1=gclid-" + new string('g', 150));
        var clickId = visit.Headers.Location!.Query.Split("sub=")[1];
        Assert.That((await http.GetAsync($"/wp-json/trax/v1/ftd?clickid={clickId}&network=AffiliateWeb&program=SuperGame1&payout=25.50&currency=EUR&status=pending")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await trax.DrainAsync(), Is.EqualTo(1));
        Assert.That((await http.GetAsync($"/wp-json/trax/v1/ftd?clickid={clickId}&network=AffiliateWeb&status=approved")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await trax.DrainAsync(), Is.EqualTo(1));
        await trax.DeliverForwardsAsync();
        await trax.RawPoisonQueue.SendMessageAsync(Convert.ToBase64String("{\"v\":7}"u8.ToArray()));
        var conversion = Uri.EscapeDataString(clickId + "/ftd");
        var reconciliation = await ReconcileAsync(clickId);
        return
        [
            ("overview", "/console/"), ("conversions", $"/console/conversions?clickid={clickId}"), ("conversion", $"/console/conversions/view?id={conversion}"),
            ("postbacks", "/console/postbacks"), ("networks", "/console/networks"), ("links", "/console/links"), ("link-new", "/console/links/new"),
            ("link-edit", "/console/links/edit?id=summer"), ("forwards", "/console/forwards"), ("forward-new", "/console/forwards/new"),
            ("forward-edit", "/console/forwards/edit?id=ads"), ("forward-deliveries", "/console/forwards/deliveries?id=ads"),
            ("poison", "/console/poison"), ("reports", "/console/reports?range=7d&groupBy=day,type,status,network,program,campaign"),
            ("traffic", "/console/traffic?range=7d&groupBy=day,source"), ("reconciliation", "/console/reconciliation"),
            ("reconciliation-result", $"/console/reconciliation?id={reconciliation}"),
        ];
    }

    /// <summary>
    /// A reconciliation of AffiliateWeb's today, run through the API: the click's conversion matched, and a row with a
    /// long click id and txid that Trax never received. Its id.
    /// </summary>
    private async Task<string> ReconcileAsync(string clickId)
    {
        var now = DateTime.UtcNow;
        var day = now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var time = now.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var export = "clickid,txid,type,status,payout,currency,time\r\n"
            + $"{clickId},,ftd,approved,25.50,EUR,{time}\r\n"
            + $"{new string('8', 150)},TX-{new string('t', 150)},ftd,approved,100.00,EUR,{time}\r\n";
        using var run = new HttpRequestMessage(HttpMethod.Post, $"/api/reconciliations?network=AffiliateWeb&from={day}&to={day}&tz=UTC&preset=trax")
        {
            Content = new StringContent(export, System.Text.Encoding.UTF8, "text/csv"),
        };
        run.Headers.Add("x-functions-key", host.FunctionKey);
        var answer = await http.SendAsync(run);
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Created), await answer.Content.ReadAsStringAsync());
        return answer.Headers.Location!.OriginalString.Split('/')[^1];
    }

    /// <summary>Opens a screen and waits until it has read what it shows.</summary>
    private async Task OpenScreenAsync(string url)
    {
        await page.GotoAsync(url);
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        await Expect(page.GetByText("Loading…")).ToHaveCountAsync(0);
        await Expect(page.GetByText("Loading forwards…")).ToHaveCountAsync(0);
    }

    /// <summary>How many lines each element's text is drawn on.</summary>
    private Task<int[]> LinesAsync(string selector) => page.Locator(selector).EvaluateAllAsync<int[]>(
        "cells => cells.map(c => { const r = document.createRange(); r.selectNodeContents(c); return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; })");

    private async Task AssertFitsAsync(string where)
    {
        var (scroll, client) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("() => document.documentElement.clientWidth"));
        // Names the elements that reach past the viewport (the innermost first), to say what to mend.
        var past = scroll <= client ? "" : await page.EvaluateAsync<string>(
            "w => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w).reverse().slice(0, 3).map(e => e.tagName + '.' + e.className + ' [' + (e.textContent ?? '').slice(0, 40) + '] ' + Math.round(e.getBoundingClientRect().right)).join(', ')", client);
        Assert.That(scroll, Is.LessThanOrEqualTo(client), $"{where}: the page is {scroll} px wide in a {client} px viewport ({past})");
    }
}
