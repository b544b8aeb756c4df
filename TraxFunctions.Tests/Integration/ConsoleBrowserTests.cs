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
