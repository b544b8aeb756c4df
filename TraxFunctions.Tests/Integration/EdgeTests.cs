using System.Text;
using Trax.Postbacks;

namespace Trax.Tests.Integration;

/// <summary>
/// The edge's promises that a hostile review found broken, each reproduced on Azurite (and failing there before the
/// fix): multipart text stored as sent, unreadable bodies refused, allowlists checked at start-up, CSV that cannot run
/// a formula, dates past the supported range refused, storage faults answered 503 by every function family.
/// </summary>
[Category("Integration")]
public sealed class EdgeTests
{
    private TraxApp trax = null!;

    [SetUp]
    public async Task SetUpAsync() => trax = await TraxApp.StartAsync();

    [TearDown]
    public async Task TearDownAsync() => await trax.DisposeAsync();

    private static string Today => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd");

    [Test]
    public async Task Multipart_NonAsciiFields_IsAcceptedAndStoredAsSent()
    {
        var comment = string.Concat(Enumerable.Repeat("Ünïcødé ✓ 日本語 ", 500));
        var request = Multipart("/wp-json/trax/v1/sale", ("clickid", "mp-1"), ("txid", "Ä-1"), ("comment", comment));

        var answer = await trax.SendAsync(request);
        await trax.DrainAsync();

        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        var conversion = (await trax.ConversionsAsync()).Single();
        Assert.That(conversion.TxId, Is.EqualTo("Ä-1"));
        Assert.That(conversion.Callback!.Body, Does.Contain(comment), "the field text is stored as sent, not re-encoded");
        Assert.That(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(conversion.Callback.Body)["comment"].ToString(), Is.EqualTo(comment),
            "and reads back as the same fields");
        Assert.That(trax.Limits.Refused, Is.Zero);
    }

    [Test]
    public async Task Multipart_Truncated_Is400InvalidBody()
    {
        var request = Multipart("/wp-json/trax/v1/ftd", ("clickid", "mp-2"));
        var whole = ((MemoryStream)request.Body).ToArray();
        request.Body = new MemoryStream(whole[..(whole.Length - 20)]);
        request.ContentLength = whole.Length - 20;

        var answer = await trax.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(400));
        Assert.That(answer.Field("reason"), Is.EqualTo("invalid-body"));
    }

    [Test]
    public async Task Multipart_PartInUtf7_Is400InvalidBody()
    {
        const string boundary = "trax-boundary";
        var body = $"--{boundary}\r\nContent-Disposition: form-data; name=\"clickid\"\r\nContent-Type: text/plain; charset=utf-7\r\n\r\nmp-3\r\n--{boundary}--\r\n";
        var request = HttpRequests.Create("POST", "/wp-json/trax/v1/ftd", body, $"multipart/form-data; boundary={boundary}");

        var answer = await trax.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(400));
        Assert.That(answer.Field("reason"), Is.EqualTo("invalid-body"));
    }

    [Test]
    public async Task ReportCsv_FieldThatStartsAFormula_IsEscapedByDefault()
    {
        var network = "=2+5+cmd|' /C calc'!A0";
        await trax.SeedClickAsync(new Trax.Clicks.Click { ClickId = "csv-1", ClickedAt = DateTimeOffset.UtcNow.AddHours(-1) });
        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=csv-1&network=" + Uri.EscapeDataString(network));
        await trax.DrainAsync();

        var csv = await trax.GetAsync($"/api/reports/conversions?from={Today}&to={Today}&groupBy=network&format=csv");
        var exact = await trax.GetAsync($"/api/reports/conversions?from={Today}&to={Today}&groupBy=network&format=csv&escapeFormulas=false");

        Assert.That(csv.StatusCode, Is.EqualTo(200), csv.Text);
        Assert.That(csv.Text, Does.Not.Contain("\r\n=2+5"), csv.Text);
        Assert.That(csv.Text, Does.Contain("'=2+5+cmd|' /C calc'!A0"));
        Assert.That(exact.Text, Does.Contain("\r\n=2+5+cmd|' /C calc'!A0,"), "exact values, when asked for");
    }

    [Test]
    public async Task PostbackLog_DateAtTheEndOfTime_Is400()
    {
        var answer = await trax.GetAsync("/api/postbacks?date=9999-12-31&hour=23");

        Assert.That(answer.StatusCode, Is.EqualTo(400), answer.Text);
        Assert.That(answer.Field("reason"), Is.EqualTo("invalid-date"));
    }

    /// <summary>One request for every HTTP function: each must answer 503 when storage cannot be reached.</summary>
    private static readonly (string Function, string Method, string Path, string? Json)[] EveryHttpFunction =
    [
        (nameof(PostbackFtd), "GET", "/wp-json/trax/v1/ftd?clickid=85512345", null),
        (nameof(PostbackReg), "GET", "/wp-json/trax/v1/reg?clickid=85512345", null),
        (nameof(PostbackSale), "POST", "/wp-json/trax/v1/sale?clickid=85512345&txid=T-1", null),
        ("ClickRedirect", "GET", "/go/supergame1", null),
        ("RegisterClicks", "POST", "/api/clicks", """{"clickId": "c-1"}"""),
        ("ListLinks", "GET", "/api/links", null),
        ("CreateLink", "POST", "/api/links", """{"id": "a", "destination": "https://n.example/{clickid}", "network": "N", "program": "P"}"""),
        ("GetLink", "GET", "/api/links/a", null),
        ("PutLink", "PUT", "/api/links/a", """{"destination": "https://n.example/{clickid}", "network": "N", "program": "P"}"""),
        ("DeleteLink", "DELETE", "/api/links/a", null),
        ("ReportConversions", "GET", "/api/reports/conversions?from=2026-11-25&to=2026-11-25", null),
        ("LookupConversions", "GET", "/api/conversions?clickid=c-1", null),
        ("ListPostbacks", "GET", "/api/postbacks?date=2026-11-25", null),
        ("ReindexConversions", "POST", "/api/reports/reindex", null),
        ("RebuildRollups", "POST", "/api/reports/rebuild?from=2026-11-25&to=2026-11-25", null),
        ("UploadConversions", "POST", "/api/conversions/upload", "clickid,type,txid,payout,currency,status\r\nc-1,sale,T-1,10,EUR,approved\r\n"),
        ("ListPoisonMessages", "GET", "/api/admin/poison", null),
        ("ReplayPoisonMessages", "POST", "/api/admin/poison/replay", null),
        ("ListForwards", "GET", "/api/forwards", null),
        ("GetForward", "GET", "/api/forwards/ads", null),
        ("PutForward", "PUT", "/api/forwards/ads", """{"url": "https://ads.example/cb?c={clickid}"}"""),
        ("DeleteForward", "DELETE", "/api/forwards/ads", null),
        ("ListForwardDeliveries", "GET", "/api/forwards/ads/deliveries?date=2026-11-25", null),
        ("ReplayForward", "POST", "/api/forwards/ads/replay?conversion=c-1/ftd", null),
        ("PutRates", "PUT", "/api/rates/2026-11-25", """{"base": "EUR", "rates": {"USD": 1.0823}}"""),
        ("GetRates", "GET", "/api/rates/2026-11-25", null),
        ("GetOverview", "GET", "/api/overview?from=2026-11-25&to=2026-11-25", null),
        ("PreviewForward", "POST", "/api/forwards/preview", """{"forward": {"url": "https://ads.example/cb?c={clickid}"}, "conversion": "c-1/ftd"}"""),
        ("SearchConversions", "GET", "/api/conversions/search?from=2026-11-25&to=2026-11-25&txid=T-1", null),
        ("ListConversionPostbacks", "GET", "/api/conversions/postbacks?clickid=c-1", null),
        ("ListConversionDeliveries", "GET", "/api/conversions/deliveries?conversion=c-1/ftd", null),
        ("RunReconciliation", "POST", "/api/reconciliations?network=acme&from=2026-11-01&to=2026-11-30&tz=UTC&preset=trax", "clickid,type,txid,status,payout,currency,time\r\nc-1,sale,T-1,approved,10,EUR,2026-11-02 10:00:00\r\n"),
        ("PreviewReconciliation", "POST", "/api/reconciliations/preview?network=acme", "clickid,type\r\nc-1,sale\r\n"),
        ("GetReconciliation", "GET", "/api/reconciliations/0192f0c3a1b27c3e8d4f5a6b7c8d9e0f", null),
        ("ListReconciliationRows", "GET", "/api/reconciliations/0192f0c3a1b27c3e8d4f5a6b7c8d9e0f/rows", null),
        ("DownloadReconciliation", "GET", "/api/reconciliations/0192f0c3a1b27c3e8d4f5a6b7c8d9e0f/csv", null),
        ("RerunReconciliation", "POST", "/api/reconciliations/0192f0c3a1b27c3e8d4f5a6b7c8d9e0f/rerun", null),
        ("UploadCosts", "POST", "/api/costs", "day,campaign,amount,currency\r\n2026-11-25,november,120.50,EUR\r\n"),
        ("ReportTraffic", "GET", "/api/reports/traffic?from=2026-11-25&to=2026-11-25", null),
        ("RecountTraffic", "POST", "/api/reports/traffic/recount", null),
    ];

    private static IEnumerable<TestCaseData> HttpFunctions() =>
        EveryHttpFunction.Select(f => new TestCaseData(f.Function, f.Method, f.Path, f.Json).SetArgDisplayNames(f.Function));

    [TestCaseSource(nameof(HttpFunctions))]
    public async Task StorageUnreachable_AnyHttpFunction_Answers503WithRetryAfter(string function, string method, string path, string? json)
    {
        var nowhere = AzuriteServer.ConnectionStringFor([AzuriteServer.FreePort(), AzuriteServer.FreePort(), AzuriteServer.FreePort()]);
        await using var down = await TraxApp.StartAsync(nowhere, createResources: false);
        // A body is JSON, or the one CSV upload.
        var request = json is null ? HttpRequests.Create(method, path)
            : json.StartsWith('{') ? HttpRequests.Json(method, path, json)
            : HttpRequests.Create(method, path, json, "text/csv");

        Assert.That(FunctionsMetadata.Shared.Route(method, request.Path), Is.EqualTo(function));
        var answer = await down.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(503), answer.Text);
        Assert.That(answer.Field("status"), Is.EqualTo("error"));
        Assert.That(answer.Field("reason"), Is.EqualTo("storage-unavailable"));
        Assert.That(answer.Headers.RetryAfter.ToString(), Is.EqualTo("30"));
    }

    /// <summary>HTTP functions that answer from the request and the settings alone, so an outage does not reach them.</summary>
    private static readonly string[] ReadsNoStorage = ["CheckPostback", "ListNetworks"];

    [Test]
    public async Task StorageUnreachable_PostbackCheck_StillGivesItsVerdict()
    {
        var nowhere = AzuriteServer.ConnectionStringFor([AzuriteServer.FreePort(), AzuriteServer.FreePort(), AzuriteServer.FreePort()]);
        await using var down = await TraxApp.StartAsync(nowhere, createResources: false);

        var answer = await down.PostJsonAsync("/api/postbacks/check", """{"url": "https://trax.example/wp-json/trax/v1/ftd?clickid=85512345"}""");

        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        Assert.That(answer.Field("status"), Is.EqualTo("would-accept"));
    }

    [Test]
    public void StorageUnreachable_EveryHttpFunctionButHealth_IsCovered()
    {
        // Health answers its own 503 ("unhealthy"): the probe's failure is its answer. The console's two functions
        // read no storage (StorageUnreachable_Console_IsStillServed).
        var http = FunctionsMetadata.Shared.Functions.Select(f => f!.AsObject())
            .Where(f => f["bindings"]!.AsArray().Any(b => (string?)b!["type"] == "httpTrigger"))
            .Select(f => (string)f["name"]!);

        Assert.That(EveryHttpFunction.Select(f => f.Function).Concat(["Health", "ConsoleIndex", "ConsoleFiles", .. ReadsNoStorage]), Is.EquivalentTo(http));
    }

    [Test]
    public async Task Postback_TxidAndPayoutRepeatedBesideTheirMacros_StoresEachSaleWithTheValuesSent()
    {
        // A template that names txid and payout twice, one of each left unreplaced, in either order.
        var first = await trax.GetAsync("/wp-json/trax/v1/sale?clickid=rep-1&txid=%7Border_id%7D&txid=T-1&payout=%7Bpayout%7D&payout=10&currency=EUR");
        var second = await trax.GetAsync("/wp-json/trax/v1/sale?clickid=rep-1&txid=T-2&txid=%7Border_id%7D&payout=20&payout=%7Bpayout%7D&currency=EUR");
        await trax.DrainAsync();

        Assert.That(new[] { first.StatusCode, second.StatusCode }, Is.All.EqualTo(200));
        var conversions = await trax.ConversionsAsync();
        Assert.That(conversions.Select(c => $"{c.TxId}={c.State.Payout}").Order(), Is.EqualTo(new[] { "T-1=10", "T-2=20" }),
            "two sales, each with its own txid and payout: none merged into the other, no payout lost");
        Assert.That(conversions.SelectMany(c => c.Postback.Warnings).Distinct().Order(), Is.EqualTo(new[] { "payout:unreplaced-macro", "txid:unreplaced-macro" }));
    }

    [TestCase("/console")]
    [TestCase("/console/postbacks")]
    public async Task StorageUnreachable_Console_IsStillServed(string path)
    {
        // The page holds no data: with storage down it still loads, and its API calls show the 503's reason.
        var nowhere = AzuriteServer.ConnectionStringFor([AzuriteServer.FreePort(), AzuriteServer.FreePort(), AzuriteServer.FreePort()]);
        await using var down = await TraxApp.StartAsync(nowhere, createResources: false);

        var answer = await down.GetAsync(path);

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        Assert.That(answer.Headers.ContentType.ToString(), Is.EqualTo("text/html; charset=utf-8"));
        Assert.That(down.Requests.Snapshot(), Is.Empty, "no storage request was made");
    }

    private static Microsoft.AspNetCore.Http.HttpRequest Multipart(string path, params (string Name, string Value)[] fields)
    {
        const string boundary = "trax-boundary";
        var body = new StringBuilder();
        foreach (var (name, value) in fields)
        {
            body.Append($"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
        }

        body.Append($"--{boundary}--\r\n");
        return HttpRequests.Create("POST", path, body.ToString(), $"multipart/form-data; boundary={boundary}");
    }
}
