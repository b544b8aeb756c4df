using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Trax.Clicks;
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

    private async Task<List<TableEntity>> IndexRowsAsync() =>
        await trax.PostbackLog.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {PostbackLogKeys.DayIndexRowPrefix} and RowKey lt {PostbackLogKeys.DayIndexRowsEnd}")).ToListAsync();

    private Task<Answer> RegisterAsync(string json) => trax.PostJsonAsync("/api/clicks", json);

    private Task<Answer> ReportAsync(string query) => trax.GetAsync("/api/reports/conversions?" + query);

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
