using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Trax.Tests.Integration;

/// <summary>
/// The third hostile review's defects, found as a daily user and an accessibility auditor: a stale page of rows after
/// a newer filter, the focus after a cancelled delete, and bidi overrides in
/// values a network sends.
/// </summary>
public sealed partial class ConsoleBrowserTests
{
    [Test]
    public async Task Reconciliation_MoreRowsAnsweredAfterTheCategoryChanged_AreNotAddedToTheNewCategorysRows()
    {
        await PostbackAsync("/wp-json/trax/v1/ftd?clickid=85512345&network=AffiliateWeb&payout=100&currency=EUR&status=approved");
        await page.GotoAsync("/console/reconciliation");
        await SignInAsync();
        await RunReconciliationAsync(extraRows: 150);
        await Expect(page.Locator(".reconciliation-row")).ToHaveCountAsync(100);

        // The next page of "All" is slow: the reader picks "matched" meanwhile, and its one row arrives first.
        var held = new TaskCompletionSource<IRoute>();
        await page.RouteAsync(new Regex("/rows\\?.*continuation="), route =>
        {
            held.SetResult(route);
            return Task.CompletedTask;
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "More rows" }).ClickAsync();
        await page.GetByLabel("Category", new() { Exact = true }).SelectOptionAsync("matched");
        await Expect(page.Locator(".reconciliation-row")).ToHaveCountAsync(1);

        var stale = page.WaitForRequestFinishedAsync(new() { Predicate = r => r.Url.Contains("continuation", StringComparison.Ordinal) });
        await (await held.Task).ContinueAsync();
        await stale;
        await SettleAsync();
        await Expect(page.Locator(".reconciliation-row")).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "More rows" })).ToHaveCountAsync(0);
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task Reconciliation_PreviewOfAFileChosenBefore_DoesNotReplaceThePreviewOfTheFileChosenNow()
    {
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.GotoAsync("/console/reconciliation");
        await SignInAsync();

        // The wrong file's preview is slow; the reader picks the right file meanwhile, and its preview comes first.
        var held = new TaskCompletionSource<IRoute>();
        await page.RouteAsync("**/api/reconciliations/preview*", async route =>
        {
            if (!held.TrySetResult(route))
            {
                await route.ContinueAsync();
            }
        });
        await FillRunAsync("AffiliateWeb", today, new FilePayload { Name = "wrong.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes("Wrong,Columns\r\n1,2\r\n") }, zone: "UTC");
        var wrong = await held.Task;
        await page.GetByLabel("Export file").SetInputFilesAsync(new FilePayload { Name = "right.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes("Sub ID,Event\r\n85512345,FTD\r\n") });
        var preview = page.GetByRole(AriaRole.Table, new() { Name = "First rows of the export" });
        await Expect(preview.Locator("thead")).ToContainTextAsync("Sub ID");

        var stale = page.WaitForRequestFinishedAsync(new() { Predicate = r => r.Url.Contains("/preview", StringComparison.Ordinal) });
        await wrong.ContinueAsync();
        await stale;
        await SettleAsync();
        await Expect(preview.Locator("thead")).ToContainTextAsync("Sub ID");
        await Expect(page.GetByLabel("Click id", new() { Exact = true }).Locator("option", new() { HasText = "Wrong" })).ToHaveCountAsync(0);
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task PostbackLog_WhileNewFiltersAreRead_ShowsLoadingAndNotTheRowsOfTheFiltersBefore()
    {
        Assert.That((await http.GetAsync("/wp-json/trax/v1/reg?clickid=%7Bclickid%7D&network=AffiliateWeb")).StatusCode, Is.EqualTo(System.Net.HttpStatusCode.BadRequest));
        await PostbackAsync("/wp-json/trax/v1/ftd?clickid=85512345&network=AffiliateWeb");
        await page.GotoAsync("/console/postbacks");
        await SignInAsync();
        await Expect(page.Locator(".log-row")).ToHaveCountAsync(2);

        // The rejected ones are slow to come: meanwhile the page must not show the two rows under "rejected".
        var held = new TaskCompletionSource<IRoute>();
        await page.RouteAsync("**/api/postbacks?*outcome=rejected*", route =>
        {
            held.SetResult(route);
            return Task.CompletedTask;
        });
        await page.GetByLabel("Outcome").SelectOptionAsync("rejected");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var slow = await held.Task;
        await Expect(page.GetByText("Loading…")).ToBeVisibleAsync();
        await Expect(page.Locator(".log-row")).ToHaveCountAsync(0);

        await slow.ContinueAsync();
        await Expect(page.Locator(".log-row")).ToHaveCountAsync(1);
        await Expect(page.Locator(".log-row")).ToContainTextAsync("rejected");
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task Delete_CancelledByEscapeOrCancel_LeavesTheFocusOnDelete()
    {
        await CreateLinkAsync("summer", "november");
        await page.GotoAsync("/console/links/edit?id=summer");
        await SignInAsync();
        var delete = page.GetByRole(AriaRole.Button, new() { Name = "Delete link" });

        await delete.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Delete summer for good" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Delete summer for good" })).ToHaveCountAsync(0);
        await Expect(delete).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(delete).ToBeFocusedAsync();
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task ConversionSearch_TxidWithARightToLeftOverride_DoesNotReverseTheClickIdShownAfterIt()
    {
        // U+202E (right-to-left override) is no control character: intake keeps it, and a network may send it.
        await PostbackAsync("/wp-json/trax/v1/sale?clickid=85512345&network=AffiliateWeb&txid=%E2%80%AEevil");

        await page.GotoAsync("/console/conversions");
        await SignInAsync();
        await page.GetByLabel("Transaction id", new() { Exact = true }).FillAsync("\u202Eevil");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var link = page.Locator(".search-result a");
        await Expect(link).ToHaveCountAsync(1);
        // Read left to right: "of click" before the click id, whatever the txid before them holds.
        var (of, clickId) = await LeftOfAsync(".search-result a", "of click", "85512345");
        Assert.That(of, Is.LessThan(clickId), "the click id after an override is drawn reversed, left of the words before it");
        await AssertNoProblemsAsync();
    }

    /// <summary>Runs a reconciliation of AffiliateWeb's today: 85512345 (matched) and this many rows Trax never saw.</summary>
    private async Task RunReconciliationAsync(int extraRows)
    {
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var export = new StringBuilder("Sub ID,Event,Status,Payout,Currency,Date\r\n").Append($"85512345,FTD,approved,100.00,EUR,{now}\r\n");
        for (var i = 0; i < extraRows; i++)
        {
            export.Append($"9{i:D7},FTD,approved,100.00,EUR,{now}\r\n");
        }

        await FillRunAsync("AffiliateWeb", today, new FilePayload { Name = "export.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(export.ToString()) }, zone: "UTC");
        await MapExportColumnsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Reconcile" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/console/reconciliation\\?id=[0-9a-f]{32}$"));
    }

    /// <summary>Lets the page run what a finished answer queued (its promise callbacks and the render after): two frames.</summary>
    private Task SettleAsync() =>
        page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");

    /// <summary>Where, from the left, the first character of each of two texts inside an element is drawn.</summary>
    private async Task<(double First, double Second)> LeftOfAsync(string selector, string first, string second)
    {
        var lefts = await page.EvaluateAsync<double[]>(
            """
            ([selector, texts]) => texts.map(text => {
              const walker = document.createTreeWalker(document.querySelector(selector), NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.data.indexOf(text);
                if (at < 0) continue;
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + 1);
                return range.getBoundingClientRect().left;
              }
              throw new Error('not shown: ' + text);
            })
            """, new object[] { selector, new[] { first, second } });
        return (lefts[0], lefts[1]);
    }
}
