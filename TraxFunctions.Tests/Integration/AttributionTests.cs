using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Trax.Clicks;
using Trax.Core;
using Trax.PostbackLog;

namespace Trax.Tests.Integration;

/// <summary>
/// Every stored conversion is counted from the moment it is stored, with its attribution (attributed, unattributed,
/// outside-window); a click registered later turns an unattributed conversion into an attributed one in place; forwards
/// choose which attributions they hear of; and re-attribution either finishes or answers 503, never leaving the index
/// disagreeing with the conversion. On Azurite, through the functions.
/// </summary>
[Category("Integration")]
public sealed partial class AttributionTests() : ClockedAppTests(Start)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private const string Today = "2026-11-25";

    [Test]
    public async Task ReadmeExample_ThenTodaysReport_CountsTheConversionAsUnattributed()
    {
        // The README's first postback and the report it asks for next, exactly as written there.
        var readme = await File.ReadAllTextAsync(RepoPaths.File("README.md"));
        var urls = LocalCurl().Matches(readme).Select(m => m.Groups[1].Value).ToList();
        var postback = urls.First(u => u.Contains("/wp-json/trax/v1/", StringComparison.Ordinal));
        var report = urls.First(u => u.Contains("/api/reports/conversions", StringComparison.Ordinal)).Replace("$(date -u +%F)", Today, StringComparison.Ordinal);
        Assert.That(postback, Is.EqualTo("/wp-json/trax/v1/ftd?clickid=85512345&network=AffiliateWeb&program=SuperGame1"));

        var accepted = await trax.GetAsync(postback);
        await trax.DrainAsync();
        var answer = await trax.GetAsync(report);

        Assert.That(accepted.StatusCode, Is.EqualTo(200), accepted.Text);
        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        var body = answer.Body!.Value;
        Assert.That(body.GetProperty("conversions").GetInt64(), Is.EqualTo(1), answer.Text);
        var total = body.GetProperty("totals").EnumerateArray().Single();
        Assert.That(ByAttribution(total), Is.EqualTo(new[] { "attributed 0/", "unattributed 1/", "outside-window 0/" }));
        Assert.That(Rows(body, "attribution"), Is.EqualTo(new[] { "unattributed||1|" }), "the README's report groups by attribution");
    }

    [Test]
    public async Task EveryStoredConversion_IsCountedOnceWithItsAttribution()
    {
        await trax.SeedClickAsync(new Click { ClickId = "known", ClickedAt = Start.AddHours(-1), Attributes = new() { Campaign = "winter" } });
        await trax.SeedClickAsync(new Click { ClickId = "late", ClickedAt = Start.AddDays(-3), Attributes = new() { Campaign = "autumn" }, AttributionWindowDays = 1 });
        foreach (var url in new[]
        {
            "ftd?clickid=known&payout=25.50&currency=EUR", "ftd?clickid=never-seen&payout=40&currency=EUR",
            "ftd?clickid=late&payout=10&currency=EUR", "ftd?clickid=never-seen&payout=40&currency=EUR", "reg?clickid=never-seen",
        })
        {
            Assert.That((await trax.GetAsync("/wp-json/trax/v1/" + url)).StatusCode, Is.EqualTo(200));
        }

        await trax.DrainAsync();
        var json = (await ReportAsync($"from={Today}&to={Today}&groupBy=attribution")).Body!.Value;
        var csv = Rfc4180.Parse((await ReportAsync($"from={Today}&to={Today}&groupBy=attribution,type&format=csv")).Text);

        Assert.That(json.GetProperty("conversions").GetInt64(), Is.EqualTo(4), "the duplicate is not counted; every other stored conversion is");
        Assert.That(Rows(json, "attribution"), Is.EqualTo(new[]
        {
            "attributed|EUR|1|25.50", "outside-window|EUR|1|10", "unattributed||1|", "unattributed|EUR|1|40",
        }));
        var eur = json.GetProperty("totals").EnumerateArray().Single(t => t.GetProperty("currency").GetString() == "EUR");
        Assert.That(ByAttribution(eur), Is.EqualTo(new[] { "attributed 1/25.50", "unattributed 1/40", "outside-window 1/10" }));
        Assert.That(csv[0], Is.EqualTo(new[] { "attribution", "type", "currency", "conversions", "payout", "rejected", "rejectedPayout" }));
        Assert.That(csv.Skip(1).Select(r => string.Join('|', r)), Is.EqualTo(new[]
        {
            "attributed|ftd|EUR|1|25.50|0|", "outside-window|ftd|EUR|1|10|0|", "unattributed|ftd|EUR|1|40|0|", "unattributed|reg||1||0|",
        }));
        var lookup = (await trax.GetAsync("/api/conversions?clickid=never-seen")).Body!.Value.GetProperty("conversions").EnumerateArray()
            .Select(c => c.GetProperty("attribution").GetString());
        Assert.That(lookup, Is.All.EqualTo("unattributed"));
        Assert.That((await trax.GetAsync("/api/conversions?clickid=late")).Body!.Value.GetProperty("conversions")[0].GetProperty("attribution").GetString(),
            Is.EqualTo("outside-window"));
    }

    [Test]
    public async Task ClickRegisteredLater_TurnsTheUnattributedConversionIntoAnAttributedOneInPlace()
    {
        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=wp-1&payout=40&currency=EUR&status=pending");
        await trax.DrainAsync();
        var before = (await trax.DayIndexAsync()).Single();
        var beforeAttribution = (await IndexRowsAsync()).Single().GetString("Attribution");

        var registered = await RegisterAsync("""{"clickId": "wp-1", "campaign": "november", "network": "AffiliateWeb"}""");
        var again = await RegisterAsync("""{"clickId": "wp-1", "campaign": "november", "network": "AffiliateWeb"}""");
        var after = await IndexRowsAsync();

        Assert.That(beforeAttribution, Is.EqualTo("unattributed"));
        Assert.That(registered.StatusCode, Is.EqualTo(200), registered.Text);
        Assert.That(registered.Body!.Value.GetProperty("clicks")[0].GetProperty("reattributed").GetInt32(), Is.EqualTo(1));
        Assert.That(again.Body!.Value.GetProperty("clicks")[0].GetProperty("reattributed").GetInt32(), Is.Zero);
        var row = after.Single();
        Assert.That((row.PartitionKey, row.RowKey), Is.EqualTo((PostbackLogKeys.LogPartition(before.ReceivedAt, before.PostbackId), PostbackLogKeys.DayIndexRow(before.PostbackId))),
            "the same row, on the same day");
        Assert.That(row.GetString("Attribution"), Is.EqualTo("attributed"));
        Assert.That(row.GetString("Campaign"), Is.EqualTo("november"));
        Assert.That(row.GetString("Network"), Is.EqualTo("AffiliateWeb"), "the click's network, since the postback named none");
        Assert.That(row.GetString("Status"), Is.EqualTo("pending"));
        var report = (await ReportAsync($"from={Today}&to={Today}&groupBy=campaign,attribution")).Body!.Value;
        Assert.That(report.GetProperty("conversions").GetInt64(), Is.EqualTo(1));
        Assert.That(Rows(report, "campaign", "attribution"), Is.EqualTo(new[] { "november|attributed|EUR|1|40" }));
    }

    [Test]
    public async Task StatusUpdateOfAnUnattributedConversion_MovesItsReportedStatus()
    {
        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=wp-2&payout=40&currency=EUR&status=pending");
        await trax.DrainAsync();
        clock.Advance(TimeSpan.FromMinutes(5));
        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=wp-2&status=chargeback");
        await trax.DrainAsync();

        var report = (await ReportAsync($"from={Today}&to={Today}")).Body!.Value;

        Assert.That(report.GetProperty("conversions").GetInt64(), Is.Zero, "charged back: no longer counted in the net");
        var total = report.GetProperty("totals").EnumerateArray().Single();
        Assert.That((total.GetProperty("rejected").GetInt64(), total.GetProperty("rejectedPayout").GetDecimal()), Is.EqualTo((1L, 40m)));
        Assert.That(total.GetProperty("byAttribution").GetProperty("unattributed").GetProperty("rejected").GetInt64(), Is.EqualTo(1));
        Assert.That((await trax.DayIndexAsync()).Single().Status, Is.EqualTo("rejected"));
    }

    [Test]
    public async Task IndexRowsWrittenBeforeAttributionExisted_ReadAsAttributed()
    {
        // Only attributed conversions were indexed before: a row without the property is one of them.
        var old = new TableEntity(PostbackLogKeys.LogPartition(Start, "p-old"), PostbackLogKeys.DayIndexRow("p-old"))
        {
            ["Day"] = Today, ["Type"] = "ftd", ["ClickId"] = "c-old", ["ConversionKey"] = "ftd", ["PostbackId"] = "p-old",
            ["ReceivedAt"] = Start, ["Currency"] = "EUR", ["Payout"] = "12.50", ["Campaign"] = "spring",
        };
        await trax.PostbackLog.AddEntityAsync(old);

        var report = (await ReportAsync($"from={Today}&to={Today}&groupBy=attribution")).Body!.Value;

        Assert.That(Rows(report, "attribution"), Is.EqualTo(new[] { "attributed|EUR|1|12.50" }));
    }

    [Test]
    public async Task Reindex_ConversionsStoredBeforeEveryConversionWasIndexed_AreCountedOnceAndASecondRunChangesNothing()
    {
        await trax.SeedClickAsync(new Click { ClickId = "known", ClickedAt = Start.AddHours(-1), Attributes = new() { Campaign = "winter" } });
        await trax.SeedClickAsync(new Click { ClickId = "late", ClickedAt = Start.AddDays(-3), AttributionWindowDays = 1 });
        foreach (var url in new[]
        {
            "ftd?clickid=known&payout=25.50&currency=EUR", "ftd?clickid=old-1&payout=40&currency=EUR", "sale?clickid=old-1&txid=T-1&status=pending",
            "ftd?clickid=late&payout=10&currency=EUR", "reg?clickid=old-2",
        })
        {
            await trax.GetAsync("/wp-json/trax/v1/" + url);
        }

        await trax.DrainAsync();

        // As an earlier version left them: only the attributed conversion had an index row.
        foreach (var row in (await IndexRowsAsync()).Where(r => r.GetString("Attribution") != "attributed"))
        {
            await trax.PostbackLog.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        var before = (await ReportAsync($"from={Today}&to={Today}")).Body!.Value.GetProperty("conversions").GetInt64();
        var pages = new List<(long Conversions, long Indexed)>();
        string? token = null;
        do
        {
            var answer = await trax.SendAsync(HttpRequests.Create("POST", "/api/reports/reindex?limit=2" + (token is null ? "" : "&continuationToken=" + token)));
            Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
            var body = answer.Body!.Value;
            pages.Add((body.GetProperty("conversions").GetInt64(), body.GetProperty("indexed").GetInt64()));
            token = body.GetProperty("continuationToken").GetString();
        }
        while (token is not null && pages.Count < 10);

        var again = (await trax.SendAsync(HttpRequests.Create("POST", "/api/reports/reindex"))).Body!.Value;
        var report = (await ReportAsync($"from={Today}&to={Today}&groupBy=attribution")).Body!.Value;

        Assert.That(before, Is.EqualTo(1));
        Assert.That(pages.Sum(p => p.Conversions), Is.EqualTo(5), "every conversion read once, two a page");
        Assert.That(pages.Sum(p => p.Indexed), Is.EqualTo(4), "the four without a row got one; the attributed one was as it should be");
        Assert.That((again.GetProperty("conversions").GetInt64(), again.GetProperty("indexed").GetInt64()), Is.EqualTo((5L, 0L)));
        Assert.That(again.GetProperty("continuationToken").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(report.GetProperty("conversions").GetInt64(), Is.EqualTo(5));
        Assert.That(Rows(report, "attribution"), Is.EqualTo(new[]
        {
            "attributed|EUR|1|25.50", "outside-window|EUR|1|10", "unattributed||2|", "unattributed|EUR|1|40",
        }));
        var bad = await trax.SendAsync(HttpRequests.Create("POST", "/api/reports/reindex?continuationToken=abc"));
        var badLimit = await trax.SendAsync(HttpRequests.Create("POST", "/api/reports/reindex?limit=0"));
        Assert.That((bad.StatusCode, bad.Field("reason")), Is.EqualTo((400, "invalid-continuation-token")));
        Assert.That((badLimit.StatusCode, badLimit.Field("reason")), Is.EqualTo((400, "invalid-limit")));
    }

    [Test]
    public async Task Forwards_WithoutAnAttributionFilterHearOnlyAttributed_AndOneThatTakesAllHearsEachConversionOncePerStatus()
    {
        await using var receiver = await ForwardReceiver.StartAsync();
        var plain = await PutForwardAsync("plain", new { url = receiver.BaseUrl + "/plain?c={clickid}&s={status}&s1={sub1}" });
        var all = await PutForwardAsync("all", new
        {
            url = receiver.BaseUrl + "/all?c={clickid}&s={status}", attribution = new[] { "attributed", "unattributed", "outside-window" },
        });
        Assert.That(Attributions(plain), Is.EqualTo(new[] { "attributed" }), "a forward without the filter shows what it means: attributed only");
        Assert.That(Attributions(all), Is.EqualTo(new[] { "attributed", "unattributed", "outside-window" }));
        Assert.That(Attributions((await trax.GetAsync("/api/forwards/all")).Body!.Value.GetProperty("forward")), Is.EqualTo(new[] { "attributed", "unattributed", "outside-window" }));

        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=wp-3&status=pending");
        await trax.DrainAsync();
        await trax.DeliverForwardsAsync();

        // The network repeats itself: the newer repeat becomes who set the state (so a job id made now would be a new one).
        clock.Advance(TimeSpan.FromMinutes(1));
        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=wp-3&status=pending");
        await trax.DrainAsync();
        await trax.DeliverForwardsAsync();
        var afterPostback = receiver.Received.Select(r => r.PathAndQuery).ToList();
        await RegisterAsync("""{"clickId": "wp-3", "sub1": "gclid-9"}""");
        await trax.DeliverForwardsAsync();
        var afterRegistration = receiver.Received.Select(r => r.PathAndQuery).ToList();
        clock.Advance(TimeSpan.FromMinutes(5));
        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=wp-3&status=approved");
        await trax.DrainAsync();
        await trax.DeliverForwardsAsync();

        Assert.That(afterPostback, Is.EqualTo(new[] { "/all?c=wp-3&s=pending" }), "the partner that takes all hears of it at once, and once");
        Assert.That(afterRegistration, Is.EqualTo(new[] { "/all?c=wp-3&s=pending", "/plain?c=wp-3&s=pending&s1=gclid-9" }),
            "attributed now: the plain forward hears of it, the other is not sent the same status twice");
        Assert.That(receiver.Received.Select(r => r.PathAndQuery).Skip(afterRegistration.Count),
            Is.EquivalentTo(new[] { "/all?c=wp-3&s=approved", "/plain?c=wp-3&s=approved&s1=gclid-9" }));
    }

    [Test]
    public async Task Forwards_AnAttributionFilterThatIsNotAList_OfKnownValues_IsRefused()
    {
        foreach (var attribution in new object[] { new[] { "orphan" }, Array.Empty<string>(), new[] { "attributed", "" } })
        {
            var answer = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/bad", JsonSerializer.Serialize(new { url = "https://ads.example/cb", attribution })));

            Assert.That((answer.StatusCode, answer.Field("reason")), Is.EqualTo((400, "invalid-filter")), JsonSerializer.Serialize(attribution));
        }
    }

    [Test]
    public async Task Reattribution_LosingItsReplaceToEveryConcurrentUpdate_Answers503AndTheRetryLeavesTheIndexAgreeing()
    {
        await trax.GetAsync("/wp-json/trax/v1/sale?clickid=wp-4&txid=T-1&payout=40&currency=EUR&status=pending");
        await trax.DrainAsync();

        // Each time the registration is about to mark the conversion attributed, a status postback changes it first,
        // so the conditional replace loses; this goes on until the registration gives its answer.
        // Each word is new (a payout not said before), so no postback is a resend that changes nothing.
        string[] statuses = ["approved", "pending", "chargeback"];
        var gate = trax.Faults.Hold(MarkingTheConversion);
        var registration = RegisterAsync("""{"clickId": "wp-4", "campaign": "november"}""");
        var lost = 0;
        while (await Task.WhenAny(gate.Reached, registration) == gate.Reached && lost < 20)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await trax.GetAsync($"/wp-json/trax/v1/sale?clickid=wp-4&txid=T-1&status={statuses[lost % statuses.Length]}&payout={41 + lost++}&currency=EUR");
            await trax.DrainAsync();
            var held = gate;
            gate = trax.Faults.Hold(MarkingTheConversion);
            held.Release();
        }

        var first = await registration;
        trax.Faults.Clear();
        var retried = await RegisterAsync("""{"clickId": "wp-4", "campaign": "november"}""");

        Assert.That((first.StatusCode, first.Field("reason")), Is.EqualTo((503, "storage-unavailable")),
            $"after {lost} lost replaces the registration must not answer 200 with an orphan left behind: {first.Text}");
        Assert.That(retried.StatusCode, Is.EqualTo(200), retried.Text);
        Assert.That(retried.Body!.Value.GetProperty("clicks")[0].GetProperty("reattributed").GetInt32(), Is.EqualTo(1));
        await AssertIndexAgreesWithTheConversionAsync("wp-4", "attributed");
    }

    [Test]
    public async Task Reattribution_FailingBeforeTheConversionIsMarked_ThenAnUpdate_ThenTheRetry_LeavesTheIndexAgreeing()
    {
        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=wp-5&payout=40&currency=EUR&status=pending");
        await trax.DrainAsync();
        trax.Faults.Fail(MarkingTheConversion, InjectedFault.ServerBusy);

        var failed = await RegisterAsync("""{"clickId": "wp-5", "campaign": "november"}""");
        clock.Advance(TimeSpan.FromMinutes(1));
        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=wp-5&status=approved&payout=35&currency=EUR");
        await trax.DrainAsync();
        await AssertIndexAgreesWithTheConversionAsync("wp-5", "attributed", stateOnly: true);
        var retried = await RegisterAsync("""{"clickId": "wp-5", "campaign": "november"}""");

        Assert.That(failed.StatusCode, Is.EqualTo(503), failed.Text);
        Assert.That(retried.StatusCode, Is.EqualTo(200), retried.Text);
        await AssertIndexAgreesWithTheConversionAsync("wp-5", "attributed");
        var report = (await ReportAsync($"from={Today}&to={Today}&groupBy=campaign,status")).Body!.Value;
        Assert.That(Rows(report, "campaign", "status"), Is.EqualTo(new[] { "november|approved|EUR|1|35" }));
    }

    [Test]
    public async Task Reattribution_RacingTheOrphansOwnLookOnceMore_CountsItOnceAttributed()
    {
        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=wp-6&payout=5&currency=EUR");
        var message = (await trax.ReceiveTextsAsync()).Single();

        // The processor found no click, stored the orphan and is about to read the click again; the registration
        // lands in between, finds the orphan and attributes it; then the processor's second look finds the click too.
        static bool ClickRead(StorageRequest r) => r.Service == "table" && r.Resource.StartsWith("Clicks", StringComparison.Ordinal) && r.Operation == "point read";
        var firstRead = trax.Faults.Hold(ClickRead);
        var processing = trax.ProcessAsync(message);
        await firstRead.Reached;
        var secondRead = trax.Faults.Hold(ClickRead);
        firstRead.Release();
        await secondRead.Reached;
        var registered = await RegisterAsync("""{"clickId": "wp-6", "campaign": "race"}""");
        secondRead.Release();
        await processing;
        await trax.ProcessAsync(message);

        Assert.That(registered.StatusCode, Is.EqualTo(200), registered.Text);
        await AssertIndexAgreesWithTheConversionAsync("wp-6", "attributed");
        var report = (await ReportAsync($"from={Today}&to={Today}&groupBy=campaign")).Body!.Value;
        Assert.That(Rows(report, "campaign"), Is.EqualTo(new[] { "race|EUR|1|5" }));
        Assert.That((await trax.LogAsync()).Single().Outcome, Is.EqualTo("created"));
    }

    /// <summary>The registration's replace of a conversion (the processor changes conversions in transactions).</summary>
    private static bool MarkingTheConversion(StorageRequest request) =>
        request.Service == "table" && request.Resource.StartsWith("Conversions", StringComparison.Ordinal) && request.Operation == "upsert (replace)";

    private async Task AssertIndexAgreesWithTheConversionAsync(string clickId, string attribution, bool stateOnly = false)
    {
        var conversion = (await trax.ConversionsAsync()).Single(c => c.ClickId == clickId);
        var row = (await trax.DayIndexAsync()).Single(r => r.ClickId == clickId);
        Assert.That((row.ConversionKey, row.PostbackId), Is.EqualTo((conversion.Key, conversion.PostbackId)));
        Assert.That((row.Status, row.Payout, row.Currency), Is.EqualTo((conversion.State.Status.ToName(), conversion.State.Payout, conversion.State.Currency)),
            "the report counts the conversion in the state it is in");
        if (!stateOnly)
        {
            Assert.That(conversion.Orphan, Is.False);
            Assert.That((await IndexRowsAsync()).Single(r => r.GetString("ClickId") == clickId).GetString("Attribution"), Is.EqualTo(attribution));
            Assert.That(row.Campaign, Is.EqualTo(conversion.Attribution!.Click.Campaign));
        }
    }

    private async Task<List<TableEntity>> IndexRowsAsync() =>
        await trax.PostbackLog.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {PostbackLogKeys.DayIndexRowPrefix} and RowKey lt {PostbackLogKeys.DayIndexRowsEnd}")).ToListAsync();

    private Task<Answer> RegisterAsync(string json) => trax.PostJsonAsync("/api/clicks", json);

    private Task<Answer> ReportAsync(string query) => trax.GetAsync("/api/reports/conversions?" + query);

    private async Task<JsonElement> PutForwardAsync(string id, object forward)
    {
        var answer = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/" + id, JsonSerializer.Serialize(forward)));
        Assert.That(answer.StatusCode, Is.EqualTo(201), answer.Text);
        return answer.Body!.Value.GetProperty("forward");
    }

    private static List<string?> Attributions(JsonElement forward) =>
        [.. forward.GetProperty("attribution").EnumerateArray().Select(a => a.GetString())];

    private static List<string> ByAttribution(JsonElement total) =>
        [.. new[] { "attributed", "unattributed", "outside-window" }.Select(a =>
        {
            var money = total.GetProperty("byAttribution").GetProperty(a);
            return $"{a} {money.GetProperty("conversions").GetInt64()}/" +
                (money.GetProperty("payout").ValueKind == JsonValueKind.Null ? "" : money.GetProperty("payout").GetDecimal().ToString(CultureInfo.InvariantCulture));
        })];

    private static List<string> Rows(JsonElement report, params string[] dimensions) =>
        [.. report.GetProperty("rows").EnumerateArray().Select(r =>
            string.Concat(dimensions.Select(d => r.GetProperty(d).GetString() + "|")) +
            $"{r.GetProperty("currency").GetString()}|{r.GetProperty("conversions").GetInt64()}|" +
            (r.GetProperty("payout").ValueKind == JsonValueKind.Null ? "" : r.GetProperty("payout").GetRawText()))];

    /// <summary>A curl of the README's local walk-through: the path and query after the local host.</summary>
    [GeneratedRegex(@"curl [^\n]*?['""]http://localhost:7071(/[^'""]+)['""]")]
    private static partial Regex LocalCurl();
}
