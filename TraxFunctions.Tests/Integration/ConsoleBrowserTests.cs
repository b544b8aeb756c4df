using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace Trax.Tests.Integration;

/// <summary>
/// The operator console in a real Chromium (Playwright), served by the real functions on Azurite over loopback HTTP
/// (<see cref="LoopbackHost"/>: routed by functions.metadata, function keys enforced as the host does). Postbacks are
/// sent first over the same HTTP, as a network would. Every test fails on a dialog, a console error, a page error or a
/// CSP violation. Screenshots go to TraxFunctions.Tests/TestResults/screenshots.
/// </summary>
[Category("Integration")]
[Category("Browser")]
public sealed partial class ConsoleBrowserTests
{
    private static readonly string Screenshots = RepoPaths.File("TraxFunctions.Tests", "TestResults", "screenshots");

    // Collects what must never happen on the console's pages: CSP violations are reported by the page itself.
    private const string WatchScript = """
        window.__problems = [];
        document.addEventListener('securitypolicyviolation', e => window.__problems.push('CSP: ' + e.violatedDirective + ' ' + e.blockedURI));
        """;

    private IPlaywright playwright = null!;
    private IBrowser browser = null!;
    private TraxApp trax = null!;
    private LoopbackHost host = null!;
    private HttpClient http = null!;
    private IBrowserContext context = null!;
    private IPage page = null!;
    private readonly List<string> problems = [];

    [OneTimeSetUp]
    public async Task LaunchAsync()
    {
        (playwright, browser) = await Chromium.LaunchAsync();
        Directory.CreateDirectory(Screenshots);
    }

    [OneTimeTearDown]
    public async Task CloseAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }

    [SetUp]
    public async Task SetUpAsync()
    {
        trax = await TraxApp.StartAsync();
        host = await LoopbackHost.StartAsync(trax);
        // Redirects are not followed: /go's 302 is what a test looks at, and its destination is not reachable.
        http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(host.BaseUrl) };
        problems.Clear();
        await OpenPageAsync(1280, 900);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await context.DisposeAsync();
        http.Dispose();
        await host.DisposeAsync();
        await trax.DisposeAsync();
    }

    [Test]
    public async Task Console_WrongKey_IsRefusedClearlyAndAskedAgain()
    {
        await page.GotoAsync("/console/postbacks");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to the Trax console" })).ToBeVisibleAsync();

        await page.GetByLabel("Function key").FillAsync("not-the-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("refused (401)");
        await Expect(page.GetByLabel("Function key")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.That(await page.EvaluateAsync<int>("() => sessionStorage.length"), Is.Zero, "a refused key is not kept");
        await Screenshot("sign-in-refused");

        await SignInAsync();
        await Expect(page.GetByText("No postbacks match.")).ToBeVisibleAsync();
        Assert.That(await page.EvaluateAsync<string>("() => sessionStorage.getItem('trax.functionKey')"), Is.EqualTo(host.FunctionKey));
        Assert.That(await page.EvaluateAsync<int>("() => localStorage.length"), Is.Zero);
        Assert.That(await context.CookiesAsync(), Is.Empty);
        var apiCalls = host.Requests.Where(r => r.PathAndQuery.StartsWith("/api/", StringComparison.Ordinal)).ToList();
        Assert.That(apiCalls.Select(r => r.Status), Is.EqualTo(new[] { 401, 200, 200 }), "the refused check, the accepted check, the log");
        Assert.That(apiCalls.Select(r => r.PathAndQuery), Has.None.Contains(host.FunctionKey).And.None.Contains("code="), "the key is sent as a header only");
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task Console_KeyRefusedLater_SignsOutAndSaysWhy()
    {
        await page.GotoAsync("/console/postbacks");
        await SignInAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Postback log" })).ToBeVisibleAsync();

        // The key is rotated while the tab is open: the next call is refused.
        await page.EvaluateAsync("() => sessionStorage.setItem('trax.functionKey', 'rotated-away')");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to the Trax console" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("function key was refused");
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task PostbackLog_RejectedPostback_ShowsItsReasonAndItsRequest()
    {
        var rejected = await http.GetAsync("/wp-json/trax/v1/reg?clickid=%7Bclickid%7D&network=AffiliateWeb");
        Assert.That(rejected.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await http.GetAsync("/wp-json/trax/v1/ftd?clickid=85512345&network=AffiliateWeb&payout=25.50&currency=EUR")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await trax.DrainAsync(), Is.EqualTo(1));

        await page.GotoAsync("/console/postbacks");
        await SignInAsync();
        await Expect(page.Locator(".log-row")).ToHaveCountAsync(2);
        await page.GetByLabel("Outcome").SelectOptionAsync("rejected");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/postbacks\\?outcome=rejected$"));
        var row = page.Locator(".log-row");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("unreplaced-macro");
        await row.GetByRole(AriaRole.Button).ClickAsync();
        var detail = row.Locator(".log-detail");
        await Expect(detail).ToContainTextAsync("HTTP status400");
        await Expect(detail).ToContainTextAsync("clickid=%7Bclickid%7D&network=AffiliateWeb");
        await Expect(detail.Locator(".pairs")).ToContainTextAsync("{clickid}");
        await Expect(detail).ToContainTextAsync("127.0.0.1");
        await Screenshot("postback-log");

        // Back returns to the unfiltered log, as it was.
        await page.GoBackAsync();
        await Expect(page.Locator(".log-row")).ToHaveCountAsync(2);
        await Expect(page.GetByLabel("Outcome")).ToHaveValueAsync("");
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task PostbackLog_HostileValues_AreShownAsTextAndNeverRun()
    {
        const string network = "<img src=x onerror=alert(1)>";
        const string sub1 = "<script>alert(2)</script>";
        var query = $"clickid=x-1&network={Uri.EscapeDataString(network)}&program={Uri.EscapeDataString("<b onmouseover=alert(3)>P</b>")}&sub1={Uri.EscapeDataString(sub1)}";
        Assert.That((await http.GetAsync("/wp-json/trax/v1/ftd?" + query)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        // A rejected one too: its raw query is logged by the HTTP function, unprocessed.
        Assert.That((await http.GetAsync($"/wp-json/trax/v1/sale?network={Uri.EscapeDataString(network)}&sub1={Uri.EscapeDataString(sub1)}")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await trax.DrainAsync(), Is.EqualTo(1));

        await page.GotoAsync("/console/postbacks");
        await SignInAsync();
        var rows = page.Locator(".log-row");
        await Expect(rows).ToHaveCountAsync(2);
        for (var i = 0; i < 2; i++)
        {
            await rows.Nth(i).GetByRole(AriaRole.Button).ClickAsync();
        }

        await Expect(page.Locator(".log-detail")).ToHaveCountAsync(2);
        await Expect(rows.First.Locator(".log-summary .network")).ToHaveTextAsync(network);
        await Expect(page.Locator(".pairs").First).ToContainTextAsync(sub1);
        Assert.That(await page.Locator("main img, main script, main b").CountAsync(), Is.Zero, "no markup from a postback became an element");
        Assert.That(await page.EvaluateAsync<bool>("() => document.body.innerText.includes('<script>alert(2)</script>')"), Is.True);
        await page.Locator(".log-summary .network").First.HoverAsync();
        await Screenshot("postback-log-hostile");
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task PostbackLog_BadFilter_ShowsTheApisMessageNextToTheField()
    {
        await page.GotoAsync("/console/postbacks?network=" + new string('n', 201));
        await SignInAsync();

        var error = page.Locator("#f-network-error");
        await Expect(error).ToContainTextAsync("The network parameter must be 1 to 200 characters");
        await Expect(page.GetByLabel("Network")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Network")).ToHaveAttributeAsync("aria-describedby", "f-network-error");
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task PostbackLog_Pages_FollowTheContinuationTokenAndBackReturns()
    {
        for (var i = 0; i < 55; i++)
        {
            Assert.That((await http.GetAsync($"/wp-json/trax/v1/ftd?clickid=%7Bclickid%7D&network=N{i}")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        }

        await page.GotoAsync("/console/postbacks");
        await SignInAsync();
        await Expect(page.Locator(".log-row")).ToHaveCountAsync(50);
        await Expect(page.Locator(".log-row").First).ToContainTextAsync("N54", new() { Timeout = 5000 });

        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await Expect(page.Locator(".log-row")).ToHaveCountAsync(5);
        await Expect(page.Locator(".log-row").Last).ToContainTextAsync("N0");
        Assert.That(page.Url, Does.Contain("page="));

        await page.GoBackAsync();
        await Expect(page.Locator(".log-row")).ToHaveCountAsync(50);
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task PostbackLog_AutoRefresh_ShowsANewPostbackWithoutAReload()
    {
        await page.GotoAsync("/console/postbacks");
        await SignInAsync();
        await Expect(page.GetByText("No postbacks match.")).ToBeVisibleAsync();

        await page.GetByLabel("Auto-refresh every 10 s").CheckAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("live=1"));
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");
        Assert.That((await http.GetAsync("/wp-json/trax/v1/ftd?clickid=%7Bclickid%7D&network=TestNetwork")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        await Expect(page.Locator(".log-row")).ToContainTextAsync("TestNetwork", new() { Timeout = 20_000 });
        Assert.That(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), Is.True, "refreshed in place, not reloaded");
        await AssertNoProblemsAsync();
    }

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

    [Test]
    public async Task Console_EveryAnswer_CarriesTheSecurityHeaders()
    {
        var index = await page.GotoAsync("/console/postbacks?date=2026-11-25");
        var script = await page.Locator("script[src]").GetAttributeAsync("src");
        var asset = await page.GotoAsync(script!);
        var missing = await page.GotoAsync("/console/assets/missing.js");

        foreach (var (name, response) in new[] { ("index", index!), ("asset", asset!), ("404", missing!) })
        {
            var headers = await response.AllHeadersAsync();
            Assert.That(headers["content-security-policy"], Does.Contain("default-src 'self'").And.Contain("script-src 'self'").And.Contain("frame-ancestors 'none'")
                .And.Contain("connect-src 'self'").And.Not.Contain("unsafe-inline"), name);
            Assert.That(headers["x-content-type-options"], Is.EqualTo("nosniff"), name);
            Assert.That(headers["referrer-policy"], Is.EqualTo("no-referrer"), name);
        }

        var indexHeaders = await index!.AllHeadersAsync();
        var assetHeaders = await asset!.AllHeadersAsync();
        Assert.That(indexHeaders["cache-control"], Is.EqualTo("no-store"));
        Assert.That(indexHeaders["content-type"], Is.EqualTo("text/html; charset=utf-8"));
        Assert.That(assetHeaders["cache-control"], Is.EqualTo("public, max-age=31536000, immutable"));
        Assert.That(assetHeaders["content-type"], Is.EqualTo("text/javascript; charset=utf-8"));
        Assert.That(assetHeaders["content-encoding"], Is.EqualTo("gzip"), "Chromium takes gzip, and gets it");
        Assert.That(missing!.Status, Is.EqualTo(404));
        Assert.That(await context.CookiesAsync(), Is.Empty);
    }

    private async Task OpenPageAsync(int width, int height)
    {
        context = await browser.NewContextAsync(new() { BaseURL = host.BaseUrl, ViewportSize = new() { Width = width, Height = height }, TimezoneId = "Europe/Berlin", Locale = "en-GB" });
        context.SetDefaultTimeout(10_000);
        await context.AddInitScriptAsync(WatchScript);
        page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            // Chromium logs every 4xx answer; a refused key or filter is expected where a test provokes one, and its
            // test checks what the page shows instead.
            if (message.Type is "error" or "warning" && !ExpectedRefusal().IsMatch(message.Text))
            {
                problems.Add($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.Dialog += (_, dialog) =>
        {
            problems.Add($"dialog ({dialog.Type}): {dialog.Message}");
            _ = dialog.DismissAsync();
        };
    }

    private async Task SignInAsync()
    {
        await page.GetByLabel("Function key").FillAsync(host.FunctionKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    /// <summary>Tabs forward until the focused element's text is (or contains) this, within 60 stops.</summary>
    private async Task TabToAsync(string text, bool contains = false)
    {
        for (var i = 0; i < 60; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string>("() => document.activeElement?.textContent ?? ''");
            if (contains ? focused.Contains(text, StringComparison.Ordinal) : focused == text)
            {
                return;
            }
        }

        Assert.Fail($"'{text}' cannot be reached with Tab.");
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

    private async Task AssertNoProblemsAsync()
    {
        var reported = await page.EvaluateAsync<string[]>("() => window.__problems ?? []");
        Assert.That(problems.Concat(reported), Is.Empty);
    }

    private Task Screenshot(string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    [System.Text.RegularExpressions.GeneratedRegex("^Failed to load resource: the server responded with a status of 40[01] ")]
    private static partial System.Text.RegularExpressions.Regex ExpectedRefusal();

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
