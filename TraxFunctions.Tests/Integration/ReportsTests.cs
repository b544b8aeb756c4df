using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Trax.Clicks;
using Trax.Conversions;
using Trax.Core;
using Trax.PostbackLog;

namespace Trax.Tests.Integration;

/// <summary>
/// The postback log, the day index and the report, lookup and log APIs on Azurite, fed through the real HTTP
/// functions and queue: what they show must agree exactly with what was sent, however often messages are redelivered.
/// </summary>
[Category("Integration")]
public sealed class ReportsTests() : ClockedAppTests(Start)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private const string Today = "2026-11-25";

    // Values that CSV must quote: a comma, a quote, a line break.
    private const string Acme = "Acme, Inc.";
    private const string BlackFriday = "Black \"Friday\"\r\nEU";

    [Test]
    public async Task MixedLoad_LogReportAndLookups_AgreeExactlyWithWhatWasSent()
    {
        var sent = await SendMixedLoadAsync();

        // The log: every postback once, with its outcome.
        var log = await ListAllAsync($"date={Today}");
        Assert.That(log, Has.Count.EqualTo(sent.All.Count));
        Assert.That(log.Where(r => r.Outcome != "rejected").Select(r => r.Id),
            Is.EquivalentTo(sent.All.Where(a => a.Id is not null).Select(a => a.Id)), "accepted postbacks by the id in their answer");
        Assert.That(Ids(log, "created"), Is.EquivalentTo(sent.Created.Select(a => a.Id)));
        Assert.That(Ids(log, "duplicate"), Is.EquivalentTo(sent.Duplicates.Select(a => a.Id)));
        Assert.That(Ids(log, "orphan"), Is.EquivalentTo(sent.Orphans.Select(a => a.Id)));
        Assert.That(log.Where(r => r.Outcome == "rejected").Select(r => r.Reason),
            Is.EquivalentTo(sent.Rejected.Select(a => a.Answer.Field("reason"))));
        Assert.That(log.Where(r => r.Outcome == "duplicate").Select(r => r.DuplicateOf),
            Is.EquivalentTo(new[] { sent.FtdId, sent.SaleT1Id }), "each duplicate names the postback that stored the conversion");

        // The log's filters, server-side.
        Assert.That((await ListAllAsync($"date={Today}&outcome=rejected")).Select(r => r.Id), Is.EquivalentTo(Ids(log, "rejected")));
        Assert.That((await ListAllAsync($"date={Today}&network={Uri.EscapeDataString(Acme)}")).Select(r => r.Id),
            Is.EquivalentTo(log.Where(r => r.Network == Acme).Select(r => r.Id)));
        Assert.That(await ListAllAsync($"date={Today}&network={Uri.EscapeDataString(Acme)}"), Has.Count.EqualTo(3), "two sales and one rejected");
        Assert.That(await ListAllAsync($"date={Today}&outcome=rejected&reason=unreplaced-macro"), Has.Count.EqualTo(1));
        Assert.That(await ListAllAsync("date=2026-11-24"), Is.Empty);

        // The report counts every stored conversion once (the orphan too, unattributed), with exact payouts per currency.
        var report = await ReportAsync($"from={Today}&to={Today}&groupBy=campaign,type");
        Assert.That(report.StatusCode, Is.EqualTo(200));
        var body = report.Body!.Value;
        Assert.That(body.GetProperty("conversions").GetInt64(), Is.EqualTo(sent.Created.Count + sent.Orphans.Count));
        Assert.That(Totals(body), Is.EqualTo(new[] { "|1|", "EUR|4|30.80", "USD|1|10.25" }));
        Assert.That(Rows(body, "campaign", "type"), Is.EqualTo(new[]
        {
            "|ftd|EUR|1|5",
            $"{BlackFriday}|sale|EUR|2|0.30",
            "winter|ftd|EUR|1|25.50",
            "winter|reg||1|",
            "winter|sale|USD|1|10.25",
        }));

        // The lookups show every stored conversion, the orphan too, each once.
        var click1 = await LookupAsync("c-1001");
        Assert.That(Conversions(click1).Select(c => c.GetProperty("key").GetString()), Is.EquivalentTo(new[] { "ftd", "reg", "sale:T-1" }));
        Assert.That(Conversions(click1).Select(c => c.GetProperty("campaign").GetString()), Is.All.EqualTo("winter"));
        Assert.That(Conversions(click1).Single(c => c.GetProperty("type").GetString() == "ftd").GetProperty("postbackId").GetString(),
            Is.EqualTo(sent.FtdId));
        Assert.That(Conversions(await LookupAsync("c-1002")), Has.Count.EqualTo(2));
        var orphan = Conversions(await LookupAsync("never-clicked")).Single();
        Assert.That(orphan.GetProperty("orphan").GetBoolean(), Is.True);
        Assert.That(orphan.GetProperty("postbackId").GetString(), Is.EqualTo(sent.Orphans.Single().Id));
        Assert.That(Conversions(await LookupAsync("nobody")), Is.Empty);
    }

    [Test]
    public async Task Redelivery_EveryMessageProcessedTwice_ChangesNoTotalAndNoRow()
    {
        var messages = await QueueMixedLoadAsync();
        await ProcessAsync(messages);
        var once = await SnapshotAsync();

        await ProcessAsync(messages);
        await Task.WhenAll(messages.Select(m => trax.ProcessAsync(m)));
        var again = await SnapshotAsync();

        Assert.That(again.Report, Is.EqualTo(once.Report));
        Assert.That(again.Log, Is.EqualTo(once.Log));
        Assert.That(again.Conversions, Is.EqualTo(once.Conversions));
        Assert.That(again.LogTable, Is.EqualTo(once.LogTable), "the same rows with the same content");
        Assert.That(once.LogTable.Count(r => r.Contains("\"RowKey\":\"c-")), Is.EqualTo(6), "one index row per stored conversion, the orphan's too");
    }

    [Test]
    public async Task ReportCsv_MixedLoad_IsRfc4180AndParsesBackToTheJsonRows()
    {
        await SendMixedLoadAsync();
        const string query = $"from={Today}&to={Today}&groupBy=day,type,network,program,campaign";

        var json = await ReportAsync(query);
        var csv = await ReportAsync(query + "&format=csv");

        Assert.That(csv.StatusCode, Is.EqualTo(200));
        Assert.That(csv.Headers.ContentType.ToString(), Does.StartWith("text/csv"));
        Assert.That(csv.Headers.ContentDisposition.ToString(), Is.EqualTo($"attachment; filename=\"conversions-{Today}-{Today}.csv\""));
        var records = Rfc4180.Parse(csv.Text);
        Assert.That(records[0], Is.EqualTo(new[]
        {
            "day", "type", "network", "program", "campaign", "currency", "conversions", "payout", "rejected", "rejectedPayout",
        }));
        var fromJson = json.Body!.Value.GetProperty("rows").EnumerateArray()
            .Zip(Rows(json.Body!.Value, "day", "type", "network", "program", "campaign"), (row, text) => text + "|" + Rejected(row)).ToList();
        Assert.That(records.Skip(1).Select(r => string.Join('|', r)), Is.EqualTo(fromJson));
        Assert.That(csv.Text, Does.Contain("\"Acme, Inc.\"").And.Contain("\"Black \"\"Friday\"\"\r\nEU\""));
        Assert.That(records.Skip(1).Sum(r => long.Parse(r[6], CultureInfo.InvariantCulture)), Is.EqualTo(6));
    }

    [Test]
    public async Task ListPostbacks_ManyPagesAcrossShardsAndHours_ReturnsEveryRowOnceNewestFirst()
    {
        var ids = new List<string>();
        for (var i = 0; i < 37; i++)
        {
            clock.AdjustTime(Start.AddMinutes(7 * i)); // 10:00 to 14:12
            var answer = await trax.GetAsync(i % 3 == 0 ? "/wp-json/trax/v1/ftd?clickid=%7Bclickid%7D" : $"/wp-json/trax/v1/reg?clickid=p{i}");
            ids.Add(answer.Field("id") ?? $"rejected-{i}");
        }

        await trax.DrainAsync();

        var pages = new List<int>();
        var all = await ListAllAsync($"date={Today}&limit=5", pages);

        Assert.That(all, Has.Count.EqualTo(37));
        Assert.That(all.Select(r => r.Id).Distinct().Count(), Is.EqualTo(37));
        Assert.That(all.Select(r => r.ReceivedAt), Is.Ordered.Descending);
        Assert.That(pages.Take(pages.Count - 1), Is.All.EqualTo(5));
        Assert.That(all.Select(r => r.Id), Is.SupersetOf(ids.Where(id => !id.StartsWith("rejected-", StringComparison.Ordinal))));
        Assert.That(all.Select(r => PostbackLogKeys.LogShard(r.Id)).Distinct().Count(), Is.GreaterThan(1), "the rows are spread over shards");

        var eleven = await ListAllAsync($"date={Today}&hour=11&limit=3");
        Assert.That(eleven.Select(r => r.ReceivedAt.Hour), Is.All.EqualTo(11));
        Assert.That(eleven, Has.Count.EqualTo(all.Count(r => r.ReceivedAt.Hour == 11)));
    }

    [Test]
    public async Task Process_CrashBetweenConversionAndLogWrite_RedeliveryHealsLogAndReport()
    {
        await trax.SeedClickAsync(Click("c-1001", "winter"));
        var answer = await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=c-1001&payout=25.50&currency=EUR");
        var message = PostbackMessageJson.Deserialize(TraxApp.DecodeLikeTheTrigger((await trax.ReceiveAllAsync()).Single()));

        // First delivery: the conversion is stored, then the log write fails.
        trax.Faults.Fail(StorageFaults.Table("PostbackLog", "transaction"), InjectedFault.ServerBusy);
        await Assert.CatchAsync<Azure.RequestFailedException>(() => trax.Get<ConversionProcessor>().ProcessAsync(message, CancellationToken.None));
        Assert.That(await trax.ConversionsAsync(), Has.Count.EqualTo(1));
        Assert.That(await ListAllAsync($"date={Today}"), Is.Empty);

        // Redelivery: 409 on its own conversion, so the log and index rows are written now; a third changes nothing.
        clock.AdjustTime(Start.AddMinutes(1));
        var redelivered = await trax.Get<ConversionProcessor>().ProcessAsync(message, CancellationToken.None);
        await trax.Get<ConversionProcessor>().ProcessAsync(message, CancellationToken.None);

        Assert.That(redelivered.Outcome, Is.EqualTo(PostbackOutcomes.Created), "what the first delivery decided");
        Assert.That(redelivered.Redelivered, Is.True);
        var row = (await ListAllAsync($"date={Today}")).Single();
        Assert.That(row.Id, Is.EqualTo(answer.Field("id")));
        Assert.That(row.Outcome, Is.EqualTo("created"));
        var report = (await ReportAsync($"from={Today}&to={Today}")).Body!.Value;
        Assert.That(report.GetProperty("conversions").GetInt64(), Is.EqualTo(1));
        Assert.That(Totals(report), Is.EqualTo(new[] { "EUR|1|25.50" }));
    }

    [Test]
    public async Task CleanPostbackLog_DaysPastRetention_DeletesTheirLogRowsAndKeepsReports()
    {
        await trax.SeedClickAsync(Click("c-1001", "winter", Start.AddDays(-40)));
        var retention = trax.Get<Microsoft.Extensions.Options.IOptions<TraxOptions>>().Value.PostbackLogRetentionDays;
        var oldDay = Start.AddDays(-retention - 1);
        var keptDay = Start.AddDays(-retention);
        foreach (var (day, type) in new[] { (oldDay, "ftd"), (keptDay, "reg") })
        {
            clock.AdjustTime(day);
            await trax.GetAsync($"/wp-json/trax/v1/{type}?clickid=c-1001");
            await trax.GetAsync($"/wp-json/trax/v1/{type}?clickid=");
            await trax.DrainAsync();
        }

        var old = Date(oldDay);
        var kept = Date(keptDay);
        clock.AdjustTime(Start);
        var deleted = await trax.Get<PostbackLogCleaner>().CleanAsync(CancellationToken.None);

        Assert.That(trax.Get<PostbackLogCleaner>().Cutoff, Is.EqualTo(DateOnly.Parse(kept, CultureInfo.InvariantCulture)));
        Assert.That(deleted, Is.EqualTo(2));
        Assert.That(await ListAllAsync($"date={old}"), Is.Empty, "the expired day's log rows are gone");
        Assert.That(await ListAllAsync($"date={kept}"), Has.Count.EqualTo(2), "the retention's first day is kept");
        var report = (await ReportAsync($"from={old}&to={kept}&groupBy=day")).Body!.Value;
        Assert.That(Rows(report, "day"), Is.EqualTo(new[] { $"{old}||1|", $"{kept}||1|" }), "index rows outlive the log");
        Assert.That(await trax.Get<PostbackLogCleaner>().CleanAsync(CancellationToken.None), Is.Zero, "a second run finds nothing");
    }

    [Test]
    public async Task Report_StorageUnreachable_Answers503WithReason()
    {
        var nowhere = AzuriteServer.ConnectionStringFor([AzuriteServer.FreePort(), AzuriteServer.FreePort(), AzuriteServer.FreePort()]);
        await using var down = await TraxApp.StartAsync(nowhere, createResources: false);

        var report = await down.GetAsync($"/api/reports/conversions?from={Today}&to={Today}");
        var lookup = await down.GetAsync("/api/conversions?clickid=c-1001");
        var log = await down.GetAsync($"/api/postbacks?date={Today}");

        Assert.That(new[] { report, lookup, log }.Select(a => a.StatusCode), Is.All.EqualTo(503));
        Assert.That(new[] { report, lookup, log }.Select(a => a.Field("reason")), Is.All.EqualTo("storage-unavailable"));
        Assert.That(report.Headers.RetryAfter.ToString(), Is.EqualTo("30"));
    }

    [Test]
    public async Task Apis_BadParameters_Answer400WithReasonInThePostbackAnswerShape()
    {
        var report = await ReportAsync("from=2026-11-30&to=2026-11-01");
        var lookup = await LookupAsync("");
        var invalidClick = await trax.GetAsync("/api/conversions?clickid=a%20b");
        var log = await trax.GetAsync("/api/postbacks?date=yesterday");

        Assert.That(new[] { report, lookup, invalidClick, log }.Select(a => a.StatusCode), Is.All.EqualTo(400));
        Assert.That(new[] { report, lookup, invalidClick, log }.Select(a => a.Field("status")), Is.All.EqualTo("rejected"));
        Assert.That(new[] { report, lookup, invalidClick, log }.Select(a => a.Field("reason")),
            Is.EqualTo(new[] { "invalid-range", "missing-clickid", "invalid-clickid", "invalid-date" }));
        Assert.That(report.Field("message"), Is.Not.Empty);
        Assert.That(report.Headers.CacheControl.ToString(), Is.EqualTo("no-store"));
    }

    /// <summary>
    /// New conversions, duplicates, an orphan and rejected postbacks, processed in two waves so that which
    /// postback created a conversion is known.
    /// </summary>
    private async Task<MixedLoad> SendMixedLoadAsync()
    {
        await trax.SeedClickAsync(Click("c-1001", "winter"));
        await trax.SeedClickAsync(Click("c-1002", BlackFriday));
        var acme = Uri.EscapeDataString(Acme);

        var created = new List<Sent>
        {
            await SendAsync("/wp-json/trax/v1/ftd?clickid=c-1001&network=AffiliateWeb&payout=25.50&currency=EUR"),
            await SendAsync("/wp-json/trax/v1/reg?clickid=c-1001&network=AffiliateWeb"),
            await SendAsync("/wp-json/trax/v1/sale?clickid=c-1001&txid=T-1&payout=10.25&currency=usd"),
            await SendAsync($"/wp-json/trax/v1/sale?clickid=c-1002&txid=T-2&payout=0.10&currency=EUR&network={acme}"),
            await SendAsync($"/wp-json/trax/v1/sale?clickid=c-1002&txid=T-3&payout=0.20&currency=EUR&network={acme}"),
        };
        var orphans = new List<Sent> { await SendAsync("/wp-json/trax/v1/ftd?clickid=never-clicked&payout=5&currency=EUR") };
        var rejected = new List<Sent>
        {
            await SendAsync("/wp-json/trax/v1/ftd?network=AffiliateWeb"),
            await SendAsync("/wp-json/trax/v1/ftd?clickid={clickid}&network=AffiliateWeb"),
            await SendAsync($"/wp-json/trax/v1/sale?clickid=c-1001&payout=abc&network={acme}"),
            await SendAsync("/wp-json/trax/v1/sale?clickid=c-1001&currency=EURO"),
        };
        Assert.That(await trax.DrainAsync(), Is.EqualTo(6));

        clock.AdjustTime(Start.AddMinutes(5));
        var duplicates = new List<Sent>
        {
            await SendAsync("/wp-json/trax/v1/ftd?clickid=c-1001&network=AffiliateWeb&payout=25.50&currency=EUR"),
            await SendAsync("/wp-json/trax/v1/sale?clickid=c-1001&txid=T-1&payout=10.25&currency=USD"),
        };
        Assert.That(await trax.DrainAsync(), Is.EqualTo(2));

        Assert.That(created.Concat(orphans).Concat(duplicates).Select(s => s.Answer.StatusCode), Is.All.EqualTo(200));
        Assert.That(rejected.Select(s => s.Answer.StatusCode), Is.All.EqualTo(400));
        return new MixedLoad(created, duplicates, orphans, rejected);
    }

    /// <summary>The same load, left in the queue as the trigger would receive it (decoded message texts).</summary>
    private async Task<List<string>> QueueMixedLoadAsync()
    {
        await trax.SeedClickAsync(Click("c-1001", "winter"));
        await trax.SeedClickAsync(Click("c-1002", BlackFriday));
        foreach (var url in new[]
        {
            "/wp-json/trax/v1/ftd?clickid=c-1001&payout=25.50&currency=EUR",
            "/wp-json/trax/v1/ftd?clickid=c-1001&payout=25.50&currency=EUR",
            "/wp-json/trax/v1/reg?clickid=c-1001",
            "/wp-json/trax/v1/sale?clickid=c-1001&txid=T-1&payout=10.25&currency=USD",
            "/wp-json/trax/v1/sale?clickid=c-1002&txid=T-2&payout=0.10&currency=EUR",
            "/wp-json/trax/v1/sale?clickid=c-1002&txid=T-3&payout=0.20&currency=EUR",
            "/wp-json/trax/v1/sale?clickid=c-1002&txid=T-3&payout=0.20&currency=EUR",
            "/wp-json/trax/v1/ftd?clickid=never-clicked",
            "/wp-json/trax/v1/ftd?clickid=",
        })
        {
            await trax.GetAsync(url);
        }

        return [.. (await trax.ReceiveAllAsync()).Select(TraxApp.DecodeLikeTheTrigger)];
    }

    private async Task ProcessAsync(IEnumerable<string> messages)
    {
        foreach (var message in messages)
        {
            await trax.ProcessAsync(message);
        }
    }

    private async Task<Snapshot> SnapshotAsync()
    {
        var report = (await ReportAsync($"from={Today}&to={Today}&groupBy=day,type,network,program,campaign")).Text;
        var log = (await ListAllAsync($"date={Today}")).Select(r => $"{r.Id}|{r.Outcome}|{r.DuplicateOf}|{r.Reason}").ToList();
        var conversions = (await trax.ConversionsAsync()).Select(c => $"{c.ClickId}|{c.Key}|{c.PostbackId}").ToList();
        var table = (await trax.PostbackLog.QueryAsync<TableEntity>().ToListAsync())
            .Select(e => JsonSerializer.Serialize(e.Where(p => p.Key is not ("odata.etag" or "Timestamp"))
                .OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => Convert.ToString(p.Value, CultureInfo.InvariantCulture))))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new Snapshot(report, log, conversions, table);
    }

    private async Task<Sent> SendAsync(string url)
    {
        var answer = await trax.GetAsync(url);
        return new Sent(answer, answer.Field("id"));
    }

    private Task<Answer> ReportAsync(string query) => trax.GetAsync("/api/reports/conversions?" + query);

    private Task<Answer> LookupAsync(string clickId) => trax.GetAsync("/api/conversions?clickid=" + Uri.EscapeDataString(clickId));

    /// <summary>Every page of the log for a query, following continuation tokens to the end.</summary>
    private async Task<List<LogItem>> ListAllAsync(string query, List<int>? pageSizes = null)
    {
        var items = new List<LogItem>();
        string? token = null;
        do
        {
            var url = "/api/postbacks?" + query + (token is null ? "" : "&continuationToken=" + token);
            var answer = await trax.GetAsync(url);
            Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
            var body = answer.Body!.Value;
            var page = body.GetProperty("items").EnumerateArray().Select(LogItem.From).ToList();
            pageSizes?.Add(page.Count);
            items.AddRange(page);
            token = body.GetProperty("continuationToken").GetString();
        }
        while (token is not null);

        return items;
    }

    private static Click Click(string clickId, string campaign, DateTimeOffset? clickedAt = null) => new()
    {
        ClickId = clickId, ClickedAt = clickedAt ?? Start.AddHours(-1),
        Attributes = new() { Campaign = campaign, Network = "AffiliateWeb", Program = "SuperGame1" },
    };

    private static IEnumerable<string> Ids(IEnumerable<LogItem> log, string outcome) =>
        log.Where(r => r.Outcome == outcome).Select(r => r.Id);

    private static List<JsonElement> Conversions(Answer lookup)
    {
        Assert.That(lookup.StatusCode, Is.EqualTo(200), lookup.Text);
        return [.. lookup.Body!.Value.GetProperty("conversions").EnumerateArray()];
    }

    private static List<string> Totals(JsonElement report) =>
        [.. report.GetProperty("totals").EnumerateArray().Select(t => Money(t))];

    private static List<string> Rows(JsonElement report, params string[] dimensions) =>
        [.. report.GetProperty("rows").EnumerateArray().Select(r => string.Concat(dimensions.Select(d => r.GetProperty(d).GetString() + "|")) + Money(r))];

    private static string Money(JsonElement row) =>
        $"{row.GetProperty("currency").GetString()}|{row.GetProperty("conversions").GetInt64()}|" +
        (row.GetProperty("payout").ValueKind == JsonValueKind.Null ? "" : row.GetProperty("payout").GetRawText());

    private static string Rejected(JsonElement row) =>
        $"{row.GetProperty("rejected").GetInt64()}|" +
        (row.GetProperty("rejectedPayout").ValueKind == JsonValueKind.Null ? "" : row.GetProperty("rejectedPayout").GetRawText());

    private static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record Sent(Answer Answer, string? Id);

    private sealed record MixedLoad(List<Sent> Created, List<Sent> Duplicates, List<Sent> Orphans, List<Sent> Rejected)
    {
        public List<Sent> All => [.. Created, .. Duplicates, .. Orphans, .. Rejected];

        public string FtdId => Created[0].Id!;

        public string SaleT1Id => Created[2].Id!;
    }

    private sealed record Snapshot(string Report, List<string> Log, List<string> Conversions, List<string> LogTable);

    private sealed record LogItem(string Id, DateTimeOffset ReceivedAt, string Outcome, string? Reason, string? Network, string? DuplicateOf)
    {
        public static LogItem From(JsonElement item) => new(
            item.GetProperty("id").GetString()!,
            item.GetProperty("receivedAt").GetDateTimeOffset(),
            item.GetProperty("outcome").GetString()!,
            Optional(item, "reason"),
            Optional(item, "network"),
            Optional(item, "duplicateOf"));

        private static string? Optional(JsonElement item, string name) =>
            item.TryGetProperty(name, out var value) ? value.GetString() : null;
    }
}
