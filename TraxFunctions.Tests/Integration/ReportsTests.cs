using System.Globalization;
using System.Text.Json;
using Trax.Clicks;

namespace Trax.Tests.Integration;

/// <summary>
/// The postback log, the day index and the report, lookup and log APIs on Azurite, fed through the real HTTP
/// functions and queue: what they show must agree exactly with what was sent, however often messages are redelivered.
/// </summary>
[Category("Integration")]
public sealed partial class ReportsTests() : ClockedAppTests(Start)
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

    private sealed record Sent(Answer Answer, string? Id);

    private sealed record MixedLoad(List<Sent> Created, List<Sent> Duplicates, List<Sent> Orphans, List<Sent> Rejected)
    {
        public List<Sent> All => [.. Created, .. Duplicates, .. Orphans, .. Rejected];

        public string FtdId => Created[0].Id!;

        public string SaleT1Id => Created[2].Id!;
    }

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
