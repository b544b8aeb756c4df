using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Trax.Tests.Integration;

/// <summary>
/// The console's screens over the APIs that exist: conversions, links, forwards with their delivery log, poison,
/// reports with the CSV download, the overview against the report API, and the network setup. Same browser, host and
/// watch for dialogs, console errors and CSP violations as the rest of <see cref="ConsoleBrowserTests"/>.
/// </summary>
public sealed partial class ConsoleBrowserTests
{
    [Test]
    public async Task Conversions_FoundByClickId_ShowTheirHistoryAfterAStatusChange()
    {
        await RegisterClicksAsync(new { clickId = "85512345", linkId = "supergame1", network = "AffiliateWeb", program = "SuperGame1", campaign = "november", sub1 = "gclid-abc" });
        await PostbackAsync("/wp-json/trax/v1/ftd?clickid=85512345&network=AffiliateWeb&program=SuperGame1&payout=25.50&currency=EUR&status=pending");
        await PostbackAsync("/wp-json/trax/v1/ftd?clickid=85512345&network=AffiliateWeb&program=SuperGame1&status=approved");

        await page.GotoAsync("/console/conversions");
        await SignInAsync();
        await page.GetByLabel("Click id", new() { Exact = true }).FillAsync("85512345");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/console/conversions\\?clickid=85512345$"));
        await Expect(page.GetByText("1 conversion for this click id.")).ToBeVisibleAsync();
        await Screenshot("conversions");

        await page.GetByRole(AriaRole.Link, new() { Name = "ftd", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ftd conversion of click 85512345", Level = 1 })).ToBeFocusedAsync();
        var now = page.Locator("#now + p + dl");
        await Expect(now).ToContainTextAsync("Statusapproved");
        await Expect(now).ToContainTextAsync("Payout€25.50");
        var entries = page.Locator(".timeline-entry");
        await Expect(entries).ToHaveCountAsync(2);
        await Expect(entries.Nth(0)).ToContainTextAsync("created");
        await Expect(entries.Nth(0)).ToContainTextAsync("pending, €25.50");
        await Expect(entries.Nth(1)).ToContainTextAsync("updated");
        await Expect(entries.Nth(1)).ToContainTextAsync("Changepending, €25.50 → approved, €25.50");
        await Expect(entries.Nth(1)).ToContainTextAsync("The postback saidstatus approved");
        var attribution = page.Locator("#attribution + dl");
        await Expect(attribution).ToContainTextAsync("Linksupergame1");
        await Expect(attribution).ToContainTextAsync("Campaignnovember");
        await Expect(attribution).ToContainTextAsync("Sub 1gclid-abc");
        await Expect(page.Locator("#postbacks-summary")).ToContainTextAsync("2 postback log rows about this conversion");
        await Expect(page.Locator(".postback-row")).ToHaveCountAsync(2);
        await Screenshot("conversion");

        // The timeline leads to the postback's row in the log: its day, hour, type and network.
        await entries.Nth(1).GetByRole(AriaRole.Link, new() { Name = "See it in the postback log" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Postback log", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".log-row").Filter(new() { HasText = "updated" })).ToHaveCountAsync(1);
        await page.GoBackAsync();
        await Expect(page.Locator(".timeline-entry")).ToHaveCountAsync(2);
        await AssertNoProblemsAsync();
    }

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

    [Test]
    public async Task Conversion_HostileValues_AreShownAsTextAndNeverRun()
    {
        const string network = "<img src=x onerror=alert(1)>";
        const string sub1 = "<script>alert(2)</script>";
        const string program = "<b onmouseover=alert(3)>P</b>";
        await RegisterClicksAsync(new { clickId = "x-1", network, program, campaign = "<i>c</i>", sub1, source = "javascript:alert(4)" });
        await PostbackAsync($"/wp-json/trax/v1/ftd?clickid=x-1&network={Uri.EscapeDataString(network)}&program={Uri.EscapeDataString(program)}&txid={Uri.EscapeDataString("<svg onload=alert(5)>")}");

        await page.GotoAsync("/console/conversions?clickid=x-1");
        await SignInAsync();
        await Expect(page.Locator(".card")).ToContainTextAsync(network);
        await page.Locator(".card a").First.ClickAsync();
        await Expect(page.Locator("#now + p + dl")).ToContainTextAsync($"Network{network}");
        await Expect(page.Locator("#attribution + dl")).ToContainTextAsync($"Sub 1{sub1}");
        await Expect(page.Locator("#attribution + dl")).ToContainTextAsync("Sourcejavascript:alert(4)");
        await Expect(page.Locator(".timeline-entry")).ToContainTextAsync(network);
        Assert.That(await page.Locator("main img, main script, main b, main i, main svg").CountAsync(), Is.Zero, "no markup from a postback or a click became an element");
        Assert.That(await page.Locator("main a[href^='javascript']").CountAsync(), Is.Zero);
        await page.Locator("#now + p + dl dd").Filter(new() { HasText = network }).HoverAsync();
        await Screenshot("conversion-hostile");
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task Overview_Figures_EqualTheReportApisForASeededDataSet()
    {
        await RegisterClicksAsync(
            new { clickId = "c1", network = "AffiliateWeb", program = "SuperGame1" },
            new { clickId = "c2", network = "AffiliateWeb", program = "SuperGame2" },
            new { clickId = "c3", network = "OtherNet", program = "P1" },
            new { clickId = "c4", network = "OtherNet", program = "P1" },
            new { clickId = "c5", network = "ThirdNet", program = "P3" },
            new { clickId = "c6", network = "ClickNet", program = "P1" });
        string[] postbacks =
        [
            "ftd?clickid=c1&network=AffiliateWeb&program=SuperGame1&payout=25.50&currency=EUR",
            "ftd?clickid=c2&network=AffiliateWeb&program=SuperGame2&payout=10&currency=USD&status=pending",
            "reg?clickid=c3&network=OtherNet&program=P1",
            "sale?clickid=c4&network=OtherNet&program=P1&txid=T-1&payout=99.99&currency=EUR&status=approved",
            "sale?clickid=c4&network=OtherNet&program=P1&txid=T-2&payout=0.01&currency=EUR",
            "ftd?clickid=c5&network=ThirdNet&program=P3&payout=5&currency=EUR",
            "ftd?clickid=c6&payout=1.5&currency=GBP",
        ];
        foreach (var postback in postbacks)
        {
            await PostbackAsync("/wp-json/trax/v1/" + postback);
        }

        await PostbackAsync("/wp-json/trax/v1/ftd?clickid=c5&network=ThirdNet&status=chargeback");

        // An orphan (no click registered) and three refused postbacks, for the figures of GET /api/overview.
        await PostbackAsync("/wp-json/trax/v1/reg?clickid=orphan-1&network=OtherNet&program=P1");
        foreach (var refused in new[] { "ftd?clickid=%7Bclickid%7D&network=AffiliateWeb", "reg?clickid=%7Bclickid%7D", "sale?clickid=c1&payout=abc" })
        {
            Assert.That((await http.GetAsync("/wp-json/trax/v1/" + refused)).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), refused);
        }

        // Yesterday and today (UTC): the data set is in them even if midnight passed while it was sent.
        var (from, to) = (Day(-1), Day(0));
        await page.GotoAsync($"/console/?from={from}&to={to}");
        await SignInAsync();
        await Expect(page.Locator("#type-status")).ToBeVisibleAsync();
        await Expect(page.Locator("#overview-range")).ToHaveAttributeAsync("data-from", from);
        await Expect(page.Locator("#overview-range")).ToHaveAttributeAsync("data-to", to);
        Assert.That(host.Requests.Count(r => r.Function == "ReportConversions"), Is.EqualTo(2), "the overview makes two report calls");
        await Expect(page.Locator("#refused-total")).ToBeVisibleAsync();
        Assert.That(host.Requests.Count(r => r.Function == "GetOverview"), Is.EqualTo(1), "and one overview call");
        Assert.That(host.Requests.Count(r => r.Function == "ReportTraffic"), Is.EqualTo(1), "and one traffic call: four per view");

        // Clicks against conversions: the traffic report's figures.
        using var traffic = await ApiJsonAsync($"/api/reports/traffic?from={from}&to={to}&tz=UTC&groupBy=day");
        var trafficTotals = traffic.RootElement.GetProperty("totals");
        await Expect(page.Locator("#clicks-total")).ToHaveAttributeAsync("data-clicks", trafficTotals.GetProperty("clicks").GetInt64().ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#clicks-total")).ToHaveAttributeAsync("data-conversions", trafficTotals.GetProperty("conversions").GetInt64().ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#clicks-total")).ToHaveAttributeAsync("data-cr", Raw(trafficTotals.GetProperty("cr")));

        // The test's own figures: one report grouped by every dimension the overview shows, summed here.
        using var report = await ApiJsonAsync($"/api/reports/conversions?from={from}&to={to}&groupBy=day,type,status,network,program");
        var rows = report.RootElement.GetProperty("rows").EnumerateArray().Select(ReportLine.Of).ToList();
        Assert.That(rows.Sum(r => r.Counted + r.Rejected), Is.EqualTo(8), "the data set: eight counted conversions, one of them rejected later");

        foreach (var type in new[] { "ftd", "reg", "sale" })
        {
            foreach (var status in new[] { "pending", "approved", "rejected" })
            {
                var expected = rows.Where(r => r.Type == type && r.Status == status).Sum(r => r.Counted + r.Rejected);
                Assert.That(await ValueAsync($"#type-status tr[data-type='{type}'] td[data-status='{status}']"), Is.EqualTo(expected.ToString(CultureInfo.InvariantCulture)), $"{type} {status}");
            }

            Assert.That(await ValueAsync($"#type-status tr[data-type='{type}'] td[data-status='counted']"), Is.EqualTo(rows.Where(r => r.Type == type).Sum(r => r.Counted).ToString(CultureInfo.InvariantCulture)), type);
            foreach (var day in rows.Select(r => r.Day).Distinct())
            {
                Assert.That(await ValueAsync($"#per-day-table tr[data-day='{day}'] td[data-type='{type}']"), Is.EqualTo(rows.Where(r => r.Day == day && r.Type == type).Sum(r => r.Counted).ToString(CultureInfo.InvariantCulture)), $"{day} {type}");
            }
        }

        var totals = report.RootElement.GetProperty("totals").EnumerateArray().ToList();
        Assert.That(await page.Locator("#currencies tbody tr").CountAsync(), Is.EqualTo(totals.Count));
        foreach (var total in totals)
        {
            var currency = total.GetProperty("currency").GetString() ?? "";
            var row = $"#currencies tr[data-currency='{currency}']";
            Assert.That(await ValueAsync($"{row} td[data-field='payout']"), Is.EqualTo(Raw(total.GetProperty("payout"))), currency);
            Assert.That(await ValueAsync($"{row} td[data-field='rejectedPayout']"), Is.EqualTo(Raw(total.GetProperty("rejectedPayout"))), currency);
            Assert.That(await ValueAsync($"{row} td[data-field='approved']"), Is.EqualTo(Raw(total.GetProperty("byStatus").GetProperty("approved").GetProperty("payout"))), currency);
        }

        await Expect(page.Locator("#currencies tr[data-currency='EUR'] td[data-field='payout']")).ToHaveTextAsync("€125.50");
        foreach (var (dimension, pick) in new (string, Func<ReportLine, string>)[] { ("networks", r => r.Network), ("programs", r => r.Program) })
        {
            var names = rows.GroupBy(pick).ToList();
            Assert.That(await page.Locator($"#top-{dimension}-table tbody tr").CountAsync(), Is.EqualTo(names.Count), dimension);
            foreach (var name in names)
            {
                var row = page.Locator($"#top-{dimension}-table tbody tr").Filter(new() { Has = page.Locator($"th:text-is('{(name.Key == "" ? "(none named)" : name.Key)}')") });
                Assert.That(await row.Locator("td[data-value]").First.GetAttributeAsync("data-value"), Is.EqualTo(name.Sum(r => r.Counted).ToString(CultureInfo.InvariantCulture)), $"{dimension} {name.Key}");
                foreach (var currency in name.GroupBy(r => r.Currency))
                {
                    var payouts = currency.Where(r => r.Payout is not null).Select(r => r.Payout!.Value).ToList();
                    var expected = payouts.Count == 0 ? "" : payouts.Sum().ToString(CultureInfo.InvariantCulture);
                    Assert.That(await row.Locator($"li[data-currency='{currency.Key}']").GetAttributeAsync("data-value"), Is.EqualTo(expected), $"{dimension} {name.Key} {currency.Key}");
                }
            }
        }

        // Refusals, orphans and the processor's health: the overview API's figures, and the orphans the report's too.
        using var summary = await ApiJsonAsync($"/api/overview?from={from}&to={to}");
        var refusals = summary.RootElement.GetProperty("rejectedPostbacks");
        Assert.That(refusals.GetProperty("total").GetInt64(), Is.EqualTo(3));
        Assert.That(await ValueAsync("#refused-total"), Is.EqualTo("3"));
        Assert.That(await page.Locator("#refused-table tbody tr").CountAsync(), Is.EqualTo(refusals.GetProperty("byReason").GetArrayLength()));
        foreach (var reason in refusals.GetProperty("byReason").EnumerateArray())
        {
            Assert.That(await ValueAsync($"#refused-table tr[data-reason='{reason.GetProperty("reason").GetString()}'] td"), Is.EqualTo(reason.GetProperty("count").GetInt64().ToString(CultureInfo.InvariantCulture)));
        }

        Assert.That(await ValueAsync("#refused-table tr[data-reason='unreplaced-macro'] td"), Is.EqualTo("2"));
        using var byAttribution = await ApiJsonAsync($"/api/reports/conversions?from={from}&to={to}&groupBy=attribution");
        var orphans = byAttribution.RootElement.GetProperty("rows").EnumerateArray()
            .Where(r => r.GetProperty("attribution").GetString() == "unattributed").Sum(r => r.GetProperty("conversions").GetInt64() + r.GetProperty("rejected").GetInt64());
        Assert.That(orphans, Is.EqualTo(1));
        Assert.That(await ValueAsync("#orphans-count"), Is.EqualTo(orphans.ToString(CultureInfo.InvariantCulture)));
        Assert.That(await ValueAsync("#orphans-count"), Is.EqualTo(summary.RootElement.GetProperty("orphans").GetProperty("count").GetInt64().ToString(CultureInfo.InvariantCulture)));
        var processor = summary.RootElement.GetProperty("processor");
        Assert.That(await ValueAsync("#health dd[data-health='depth']"), Is.EqualTo(processor.GetProperty("depth").GetInt64().ToString(CultureInfo.InvariantCulture)));
        Assert.That(await ValueAsync("#health dd[data-health='poison']"), Is.EqualTo(processor.GetProperty("poison").GetInt64().ToString(CultureInfo.InvariantCulture)));
        await Expect(page.Locator("#stalled")).ToHaveCountAsync(0);
        await Screenshot("overview");

        // Another range: two more report calls and one more overview call, whatever the data size.
        var calls = host.Requests.Count(r => r.Function == "ReportConversions");
        var overviewCalls = host.Requests.Count(r => r.Function == "GetOverview");
        await page.GetByRole(AriaRole.Link, new() { Name = "7 days" }).ClickAsync();
        await Expect(page.Locator("#overview-range")).ToContainTextAsync(" to ");
        await Expect(page.Locator("#type-status tr[data-type='ftd'] td[data-status='rejected']")).ToHaveAttributeAsync("data-value", "1");
        Assert.That(host.Requests.Count(r => r.Function == "ReportConversions"), Is.EqualTo(calls + 2));
        Assert.That(host.Requests.Count(r => r.Function == "GetOverview"), Is.EqualTo(overviewCalls + 1));

        // The reader's own zone (the browser's is Berlin): its days, in the URL, the same figures as the APIs' in that zone.
        await page.Locator("#o-tz").SelectOptionAsync("Europe/Berlin");
        await Expect(page.Locator("#overview-range")).ToContainTextAsync("Europe/Berlin days");
        Assert.That(page.Url, Does.Contain("tz=Europe%2FBerlin"));
        var (zoneFrom, zoneTo) = (await page.Locator("#overview-range").GetAttributeAsync("data-from"), await page.Locator("#overview-range").GetAttributeAsync("data-to"));
        Assert.That(zoneTo, Is.EqualTo(DateTimeOffset.UtcNow.ToOffset(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin").GetUtcOffset(DateTimeOffset.UtcNow)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), "7 days up to today in Berlin");
        using var inBerlin = await ApiJsonAsync($"/api/overview?from={zoneFrom}&to={zoneTo}&tz=Europe/Berlin");
        Assert.That(inBerlin.RootElement.GetProperty("timeZone").GetString(), Is.EqualTo("Europe/Berlin"));
        await Expect(page.Locator("#refused-total")).ToHaveAttributeAsync("data-value", inBerlin.RootElement.GetProperty("rejectedPostbacks").GetProperty("total").GetInt64().ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#orphans-count")).ToHaveAttributeAsync("data-value", inBerlin.RootElement.GetProperty("orphans").GetProperty("count").GetInt64().ToString(CultureInfo.InvariantCulture));

        // The days of the table beside the chart are Berlin's, and it says so.
        await Expect(page.Locator("#per-day-table thead th").First).ToHaveTextAsync("Day (Europe/Berlin)");
        await Expect(page.Locator(".chart .u-legend").First).ToContainTextAsync("Day (Europe/Berlin)");

        // The orphan is in the report's counted figures above (unattributed), and its own page says so too.
        await page.GotoAsync("/console/conversions?clickid=orphan-1");
        var orphanCard = page.Locator(".card");
        await Expect(orphanCard).ToContainTextAsync("unattributed");
        await Expect(orphanCard).Not.ToContainTextAsync("not counted");
        await orphanCard.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page.Locator("dt:text-is('Counted') + dd")).ToHaveTextAsync(new Regex("^yes"));
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task Traffic_ShowsClicksCrAndMoneyPerSource_AsTheTrafficApiCountsThem()
    {
        await CreateLinkAsync("promo", "december");

        // Three paid clicks from one source, one from another; one of the first converts.
        var clicks = new List<string>();
        foreach (var source in new[] { "news", "news", "news", "blog" })
        {
            var visit = await http.GetAsync($"/go/promo?source={source}&cost=0.50&currency=EUR");
            clicks.Add(visit.Headers.Location!.Query.Split("sub=")[1]);
        }

        await PostbackAsync($"/wp-json/trax/v1/ftd?clickid={clicks[0]}&payout=30&currency=EUR");
        var today = Day(0);
        await page.GotoAsync($"/console/traffic?from={today}&to={today}&groupBy=source");
        await SignInAsync();
        var news = page.Locator("#traffic-rows tr[data-row='news']");
        await Expect(news.Locator("td[data-field='clicks']")).ToHaveAttributeAsync("data-value", "3");

        // Every figure is the API's, exactly as it wrote it; the day's clicks and conversions are in the per-day table.
        using var report = await ApiJsonAsync($"/api/reports/traffic?from={today}&to={today}&tz=UTC&groupBy=source");
        foreach (var row in report.RootElement.GetProperty("rows").EnumerateArray())
        {
            var line = page.Locator($"#traffic-rows tr[data-row='{row.GetProperty("source").GetString() ?? ""}']");
            foreach (var field in new[] { "clicks", "conversions", "cr", "revenue", "cost", "profit", "roi", "epc" })
            {
                await Expect(line.Locator($"td[data-field='{field}']")).ToHaveAttributeAsync("data-value", Raw(row.GetProperty(field)), new() { Timeout = 2_000 });
            }
        }

        Assert.That(Raw(report.RootElement.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("source").GetString() == "news").GetProperty("cr")), Does.StartWith("0.333333"));
        await Expect(news.Locator("td[data-field='cr']")).ToHaveTextAsync("33.3333 %");
        await Expect(page.Locator($"#traffic-per-day tr[data-day='{today}'] td[data-field='clicks']")).ToHaveAttributeAsync("data-value", "4");
        await Expect(page.Locator($"#traffic-per-day tr[data-day='{today}'] td[data-field='conversions']")).ToHaveAttributeAsync("data-value", "1");
        await Screenshot("traffic");
        await AssertNoProblemsAsync();
    }

    [Test]
    public async Task Reports_ShowTheGrouping_AndDownloadTheCsvWithTheKeyInAHeader()
    {
        await RegisterClicksAsync(new { clickId = "c1" }, new { clickId = "c2" });
        await PostbackAsync("/wp-json/trax/v1/ftd?clickid=c1&network=AffiliateWeb&payout=25.50&currency=EUR");
        await PostbackAsync("/wp-json/trax/v1/sale?clickid=c2&network=%3DHYPERLINK(%22x%22)&payout=10&currency=EUR");

        var (from, today) = (Day(-6), Day(0));
        await page.GotoAsync($"/console/reports?from={from}&to={today}");
        await SignInAsync();
        await page.GetByLabel("network", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("day", new() { Exact = true }).UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("groupBy=network"));
        var table = page.Locator("#report-rows");
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(table.Locator("tbody")).ToContainTextAsync("AffiliateWeb");
        await Expect(table.Locator("tfoot")).ToContainTextAsync("€35.50");
        await Screenshot("reports");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        var file = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.That(download.SuggestedFilename, Is.EqualTo($"conversions-{from}-{today}.csv"));
        var expected = await ApiTextAsync($"/api/reports/conversions?from={from}&to={today}&groupBy=network&format=csv");
        Assert.That(file, Is.EqualTo(expected), "the file is the API's CSV, byte for byte");
        Assert.That(file, Does.Contain("'=HYPERLINK"), "formulas escaped by default");
        var csvCalls = host.Requests.Where(r => r.PathAndQuery.Contains("format=csv", StringComparison.Ordinal)).ToList();
        Assert.That(csvCalls, Has.Count.EqualTo(2), "the console's and the test's");
        Assert.That(csvCalls.Select(r => r.Status), Is.All.EqualTo(200));
        Assert.That(csvCalls.Select(r => r.PathAndQuery), Has.None.Contains("code=").And.None.Contains(host.FunctionKey), "the key travels in a header");
        await AssertNoProblemsAsync();
    }

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

    /// <summary>An amount as the API wrote it ("35.50"), or "" for none: what the console keeps in data-value.</summary>
    private static string Raw(JsonElement amount) => amount.ValueKind == JsonValueKind.Null ? "" : amount.GetRawText();

    /// <summary>One row of a report grouped by day, type, status, network and program.</summary>
    private sealed record ReportLine(string Day, string Type, string Status, string Network, string Program, string Currency, int Counted, int Rejected, decimal? Payout)
    {
        public static ReportLine Of(JsonElement r) => new(
            r.GetProperty("day").GetString()!, r.GetProperty("type").GetString()!, r.GetProperty("status").GetString()!,
            r.GetProperty("network").GetString() ?? "", r.GetProperty("program").GetString() ?? "", r.GetProperty("currency").GetString() ?? "",
            r.GetProperty("conversions").GetInt32(), r.GetProperty("rejected").GetInt32(),
            r.GetProperty("payout").ValueKind == JsonValueKind.Null ? null : decimal.Parse(r.GetProperty("payout").GetRawText(), CultureInfo.InvariantCulture));
    }
}
