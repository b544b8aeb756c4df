using System.Text.Json;
using Trax.Clicks;

namespace Trax.Tests.Integration;

/// <summary>
/// <c>GET /api/conversions/search</c>, <c>/api/conversions/postbacks</c> and <c>/api/conversions/deliveries</c> on
/// Azurite: what they find, their paging, their bounded reads (storage requests counted), bad input and storage faults.
/// </summary>
[Category("Integration")]
public sealed partial class ConversionSearchApiTests() : ClockedAppTests(Start)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private const string Day1 = "2026-11-25";
    private const string Day2 = "2026-11-26";

    /// <summary>After the base class started the app: the click the searches find.</summary>
    [SetUp]
    public async Task SeedClickAsync() =>
        await trax.SeedClickAsync(new Click { ClickId = "c-1", ClickedAt = Start.AddHours(-1), Attributes = new() { Network = "AffiliateWeb", Program = "SuperGame1", LinkId = "supergame1", Campaign = "winter" } });

    [Test]
    public async Task Search_ByTxidNetworkTypeAndStatus_FindsTheConversionsInTheirStateNow()
    {
        await PostAsync("sale?clickid=c-1&network=AffiliateWeb&program=SuperGame1&txid=T-1&payout=25.50&currency=EUR");
        await PostAsync("sale?clickid=c-2&network=OtherNet&txid=T-2&payout=10&currency=USD");
        await PostAsync("ftd?clickid=c-1&network=AffiliateWeb");
        clock.Advance(TimeSpan.FromMinutes(5));
        await PostAsync("sale?clickid=c-1&network=AffiliateWeb&txid=T-1&status=chargeback");

        var byTxid = await SearchAsync($"from={Day1}&to={Day1}&txid=T-1");
        var byNetwork = await SearchAsync($"from={Day1}&to={Day1}&network=affiliateweb");
        var approvedSales = await SearchAsync($"from={Day1}&to={Day1}&type=sale&status=approved");
        var otherProgram = await SearchAsync($"from={Day1}&to={Day1}&program=supergame1&type=ftd");

        var sale = byTxid.GetProperty("items").EnumerateArray().Single();
        Assert.That(sale.GetProperty("conversionId").GetString(), Is.EqualTo("c-1/sale:T-1"));
        Assert.That(sale.GetProperty("txId").GetString(), Is.EqualTo("T-1"));
        Assert.That(sale.GetProperty("status").GetString(), Is.EqualTo("rejected"), "the state now, after the chargeback");
        Assert.That(sale.GetProperty("network").GetString(), Is.EqualTo("AffiliateWeb"));
        Assert.That(sale.GetProperty("campaign").GetString(), Is.EqualTo("winter"));
        Assert.That(sale.GetProperty("attribution").GetString(), Is.EqualTo("attributed"));
        Assert.That(Ids(byNetwork), Is.EqualTo(new[] { "c-1/ftd", "c-1/sale:T-1" }), "newest first, case-insensitive network");
        Assert.That(Ids(approvedSales), Is.EqualTo(new[] { "c-2/sale:T-2" }));
        Assert.That(approvedSales.GetProperty("items")[0].GetProperty("payout").GetString(), Is.EqualTo("10"));
        Assert.That(Ids(otherProgram), Is.EqualTo(new[] { "c-1/ftd" }));
        Assert.That(byTxid.GetProperty("continuationToken").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [TestCase(201)]
    [TestCase(256)]
    [TestCase(1024)]
    public async Task Search_ByATxidAsLongAsIntakeTakes_FindsItsConversion(int length)
    {
        // Intake keeps txids of up to 1,024 characters (PostbackLimits.MaxTxIdLength): each must be findable by it.
        var txId = "T-" + new string('7', length - 2);
        await PostAsync($"sale?clickid=c-1&network=AffiliateWeb&txid={txId}&payout=5&currency=EUR");
        await PostAsync("sale?clickid=c-1&network=AffiliateWeb&txid=T-2&payout=6&currency=EUR");

        var found = await SearchAsync($"from={Day1}&to={Day1}&txid={txId}");

        var item = found.GetProperty("items").EnumerateArray().Single();
        Assert.That(item.GetProperty("clickId").GetString(), Is.EqualTo("c-1"));
        Assert.That(item.GetProperty("payout").GetString(), Is.EqualTo("5"));
    }

    [Test]
    public async Task Search_TxidLongerThanIntakeTakes_Is400InvalidParameter()
    {
        var answer = await trax.GetAsync($"/api/conversions/search?from={Day1}&to={Day1}&txid=" + new string('7', 1025));

        Assert.That(answer.StatusCode, Is.EqualTo(400));
        Assert.That(answer.Field("reason"), Is.EqualTo("invalid-parameter"));
    }

    [Test]
    public async Task Search_PagedOverTwoDays_WalksEveryConversionOnceNewestFirstWithEightQueriesPerDay()
    {
        for (var i = 1; i <= 3; i++)
        {
            await PostAsync($"sale?clickid=c-1&network=AffiliateWeb&txid=A-{i}");
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        clock.Advance(TimeSpan.FromDays(1));
        for (var i = 1; i <= 2; i++)
        {
            await PostAsync($"sale?clickid=c-1&network=AffiliateWeb&txid=B-{i}");
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            trax.Requests.Reset();
            var page = await SearchAsync($"from={Day1}&to={Day2}&limit=2" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            var queries = trax.Requests.Snapshot().Where(r => r.Key.Operation == "query").Sum(r => r.Value);
            Assert.That(queries, Is.EqualTo(8 * page.GetProperty("daysRead").GetInt32()), "one query per shard of each day read, nothing else");
            Assert.That(trax.Requests.Total, Is.EqualTo(queries));
            seen.AddRange(Ids(page));
            token = page.GetProperty("continuationToken").GetString();
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.That(seen, Is.EqualTo(new[] { "c-1/sale:B-2", "c-1/sale:B-1", "c-1/sale:A-3", "c-1/sale:A-2", "c-1/sale:A-1" }));
        Assert.That(pages, Is.EqualTo(3));
    }

    [TestCase("to=2026-11-25", "missing-parameter")]
    [TestCase("from=2026-11-26&to=2026-11-25", "invalid-range")]
    [TestCase("from=2026-10-01&to=2026-11-25", "range-too-long")]
    [TestCase("from=25/11/2026&to=2026-11-25", "invalid-date")]
    [TestCase("from=2026-11-25&to=2026-11-25&type=deposit", "invalid-type")]
    [TestCase("from=2026-11-25&to=2026-11-25&status=paid", "invalid-status")]
    [TestCase("from=2026-11-25&to=2026-11-25&limit=201", "invalid-limit")]
    [TestCase("from=2026-11-25&to=2026-11-25&continuationToken=abc", "invalid-continuation-token")]
    [TestCase("from=2026-11-25&to=2026-11-25&txid=a%01b", "invalid-parameter")]
    [TestCase("from=2026-11-25&to=2026-11-25&clickid=a%C3%A9b", "invalid-clickid")]
    public async Task Search_BadInput_Is400WithItsReason(string query, string reason)
    {
        var answer = await trax.GetAsync("/api/conversions/search?" + query);

        Assert.That(answer.StatusCode, Is.EqualTo(400), answer.Text);
        Assert.That(answer.Field("reason"), Is.EqualTo(reason));
    }

    [Test]
    public async Task Search_TokenOfAnotherRange_IsRefused()
    {
        for (var i = 1; i <= 2; i++)
        {
            await PostAsync($"sale?clickid=c-1&txid=A-{i}");
        }

        var token = (await SearchAsync($"from={Day1}&to={Day1}&limit=1")).GetProperty("continuationToken").GetString();
        var answer = await trax.GetAsync($"/api/conversions/search?from={Day1}&to={Day2}&continuationToken={Uri.EscapeDataString(token!)}");

        Assert.That(answer.StatusCode, Is.EqualTo(400), answer.Text);
        Assert.That(answer.Field("reason"), Is.EqualTo("invalid-continuation-token"));
    }

    [TestCase("/api/conversions/search?from=2026-11-25&to=2026-11-25&txid=T-1", "PostbackLog")]
    [TestCase("/api/conversions/postbacks?clickid=c-1&from=2026-11-25&to=2026-11-25", "PostbackLog")]
    [TestCase("/api/conversions/deliveries?conversion=c-1/ftd", "ForwardDeliveries")]
    public async Task StorageBusy_EachEndpoint_Answers503SoTheCallerRetries(string path, string table)
    {
        await PostAsync("ftd?clickid=c-1");
        await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/ads", """{"url": "https://ads.example/cb"}"""));
        var tableName = table == "PostbackLog" ? trax.PostbackLog.Name : trax.ForwardDeliveries.Name;
        trax.Faults.Fail(StorageFaults.Table(tableName, "query"), InjectedFault.ServerBusy, times: 1000);

        var answer = await trax.GetAsync(path);

        Assert.That(answer.StatusCode, Is.EqualTo(503), answer.Text);
        Assert.That(answer.Field("reason"), Is.EqualTo("storage-unavailable"));
    }

    private async Task PostAsync(string pathAndQuery)
    {
        var answer = await trax.GetAsync("/wp-json/trax/v1/" + pathAndQuery);
        Assert.That(answer.StatusCode, Is.EqualTo(200), pathAndQuery + ": " + answer.Text);
        Assert.That(await trax.DrainAsync(), Is.EqualTo(1));

        // Each postback a second after the one before, so that newest first is one order.
        clock.Advance(TimeSpan.FromSeconds(1));
    }

    private Task<JsonElement> SearchAsync(string query) => GetOkAsync("/api/conversions/search?" + query);

    private async Task<JsonElement> GetOkAsync(string path)
    {
        var answer = await trax.GetAsync(path);
        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        return answer.Body!.Value;
    }

    private static string[] Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("conversionId").GetString()!)];
}
