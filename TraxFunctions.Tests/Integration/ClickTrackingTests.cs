using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Trax.Clicks;

using Trax.PostbackLog;

namespace Trax.Tests.Integration;

/// <summary>
/// Links, the redirect and click registration on Azurite, through the app's own DI and the host's routing:
/// create a link → follow <c>/go</c> → fire the postback → read the attributed conversion.
/// </summary>
[Category("Integration")]
public sealed class ClickTrackingTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private const string SuperGame = """
        {"id": "supergame1", "destination": "https://network.example/track?aff=42&sub1={clickid}",
         "network": "AffiliateWeb", "program": "SuperGame1", "campaign": "november", "attributionWindowDays": 30}
        """;

    private FakeTimeProvider time = null!;
    private TraxApp trax = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        time = new FakeTimeProvider(Start);
        trax = await TraxApp.StartAsync(time: time);
    }

    [TearDown]
    public async Task TearDownAsync() => await trax.DisposeAsync();

    [Test]
    public async Task Go_ThenPostback_StoresAConversionWithEveryAttributionField()
    {
        await trax.CreateLinkAsync(SuperGame);

        var redirect = await trax.SendAsync(HttpRequests.Visit(
            "/go/supergame1?source=newsletter&sub1=header&sub2=b&sub3=c&sub4=d&sub5=e", referer: "https://site.example/casinos?x=1"));
        var clickId = redirect.QueryValue("sub1")!;
        time.Advance(TimeSpan.FromMinutes(90));
        var postback = await trax.GetAsync($"/wp-json/trax/v1/ftd?clickid={clickId}&network=AffiliateWebPB&program=SuperGame1PB");
        await trax.DrainAsync();

        Assert.That(redirect.StatusCode, Is.EqualTo(302));
        Assert.That(redirect.Location, Is.EqualTo("https://network.example/track?aff=42&sub1=" + clickId));
        Assert.That(clickId, Has.Length.EqualTo(ClickIdGenerator.Length));
        Assert.That(postback.StatusCode, Is.EqualTo(200));
        var conversion = (await trax.ConversionRowsAsync()).Single();
        Assert.That(conversion.ClickId, Is.EqualTo(clickId));
        Assert.That(conversion.Orphan, Is.False);
        Assert.That(conversion.Network, Is.EqualTo("AffiliateWebPB"), "the postback's own network is kept");
        Assert.That(conversion.Program, Is.EqualTo("SuperGame1PB"));
        Assert.That(conversion.ClickNetwork, Is.EqualTo("AffiliateWeb"), "beside the link's");
        Assert.That(conversion.ClickProgram, Is.EqualTo("SuperGame1"));
        Assert.That(conversion.LinkId, Is.EqualTo("supergame1"));
        Assert.That(conversion.Campaign, Is.EqualTo("november"));
        Assert.That(conversion.Source, Is.EqualTo("newsletter"));
        Assert.That(new[] { conversion.Sub1, conversion.Sub2, conversion.Sub3, conversion.Sub4, conversion.Sub5 },
            Is.EqualTo(new[] { "header", "b", "c", "d", "e" }));
        Assert.That(conversion.ClickedAt, Is.EqualTo(Start));
        Assert.That(conversion.SecondsToConvert, Is.EqualTo(5400));
        Assert.That(conversion.AttributionWindowDays, Is.EqualTo(30));
        Assert.That(conversion.OutsideWindow, Is.False);
        Assert.That(conversion.ReattributedAt, Is.Null);
        var click = (await trax.ClicksAsync()).Single();
        Assert.That(click.Via, Is.EqualTo("go"));
        Assert.That(click.IpPrefix, Is.EqualTo("203.0.113.0/24"), "no hash key configured: the truncated address");
        Assert.That(click.IpHash, Is.Null);
        Assert.That(trax.Counted("trax.clicks.recorded"), Is.EqualTo(1));
    }

    [Test]
    public async Task Go_ConversionLaterThanTheLinksWindow_IsStoredFlaggedOutsideWindow()
    {
        await trax.CreateLinkAsync("""
            {"id": "short", "destination": "https://network.example/t/{clickid}", "network": "N", "program": "P", "attributionWindowDays": 1}
            """);

        var clickId = (await trax.SendAsync(HttpRequests.Visit("/go/short"))).Location.Split('/')[^1];
        time.Advance(TimeSpan.FromDays(2));
        await trax.GetAsync($"/wp-json/trax/v1/sale?clickid={clickId}&txid=T-9&payout=10&currency=EUR");
        await trax.DrainAsync();

        var conversion = (await trax.ConversionRowsAsync()).Single();
        Assert.That(conversion.Orphan, Is.False);
        Assert.That(conversion.OutsideWindow, Is.True);
        Assert.That(conversion.SecondsToConvert, Is.EqualTo(2 * 86400));
        Assert.That(conversion.Payout, Is.EqualTo("10"));

        // Logged as outside-window, and counted as such: reports tell it apart from attributed conversions.
        var logRows = await trax.PostbackLog.QueryAsync<Azure.Data.Tables.TableEntity>().ToListAsync();
        Assert.That(logRows.Where(r => r.GetString("Outcome") is not null).Select(r => r.GetString("Outcome")), Is.EqualTo(new[] { "outside-window" }));
        Assert.That(logRows.Where(r => r.RowKey.StartsWith(PostbackLogKeys.DayIndexRowPrefix, StringComparison.Ordinal)).Select(r => r.GetString("Attribution")), Is.EqualTo(new[] { "outside-window" }));
    }

    [Test]
    public async Task Go_UnknownLink_Answers404AndRecordsNothing()
    {
        var answer = await trax.SendAsync(HttpRequests.Visit("/go/nosuchlink"));

        Assert.That(answer.StatusCode, Is.EqualTo(404));
        Assert.That(answer.Field("reason"), Is.EqualTo("unknown-link"));
        Assert.That(answer.Headers.ContentType.ToString(), Does.StartWith("application/json"));
        Assert.That(await trax.ClicksAsync(), Is.Empty);
    }

    [Test]
    public async Task Go_DisabledLink_Answers404AndRecordsNothing()
    {
        await trax.CreateLinkAsync(SuperGame);
        var disabled = JsonSerializer.Serialize(new
        {
            destination = "https://network.example/track?aff=42&sub1={clickid}", network = "AffiliateWeb", program = "SuperGame1", enabled = false,
        });
        var put = await trax.SendAsync(HttpRequests.Json("PUT", "/api/links/supergame1", disabled));

        var answer = await trax.SendAsync(HttpRequests.Visit("/go/supergame1"));

        Assert.That(put.StatusCode, Is.EqualTo(200));
        Assert.That(answer.StatusCode, Is.EqualTo(404));
        Assert.That(await trax.ClicksAsync(), Is.Empty);
    }

    [Test]
    public async Task Go_Head_AnswersLikeGetAndRecordsNothing()
    {
        await trax.CreateLinkAsync(SuperGame);

        var head = await trax.SendAsync(HttpRequests.Visit("/go/supergame1", method: "HEAD"));
        var unknown = await trax.SendAsync(HttpRequests.Visit("/go/nosuchlink", method: "HEAD"));

        Assert.That(head.StatusCode, Is.EqualTo(302));
        Assert.That(head.Location, Does.StartWith("https://network.example/track?aff=42&sub1="));
        Assert.That(head.QueryValue("sub1"), Has.Length.EqualTo(ClickIdGenerator.Length));
        Assert.That(unknown.StatusCode, Is.EqualTo(404));
        Assert.That(unknown.Body, Is.Null, "HEAD answers carry no body");
        Assert.That(await trax.ClicksAsync(), Is.Empty);
    }

    [TestCase("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)")]
    [TestCase("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [TestCase("WhatsApp/2.23.20.0 A")]
    public async Task Go_Bot_RedirectsRecordsNothingAndIsCounted(string userAgent)
    {
        await trax.CreateLinkAsync(SuperGame);

        var answer = await trax.SendAsync(HttpRequests.Visit("/go/supergame1", userAgent: userAgent));

        Assert.That(answer.StatusCode, Is.EqualTo(302));
        Assert.That(await trax.ClicksAsync(), Is.Empty);
        Assert.That(trax.Counted("trax.clicks.bots"), Is.EqualTo(1));
        Assert.That(trax.Counted("trax.clicks.recorded"), Is.Zero);
    }

    [Test]
    public async Task Go_ManyVisits_EachGetsItsOwnStoredClick()
    {
        await trax.CreateLinkAsync(SuperGame);

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => trax.SendAsync(HttpRequests.Visit("/go/supergame1"))));

        var ids = answers.Select(a => a.QueryValue("sub1")).ToList();
        Assert.That(ids, Is.Unique);
        Assert.That((await trax.ClicksAsync()).Select(c => c.ClickId), Is.EquivalentTo(ids));
    }

    [Test]
    public async Task Go_WithIpHashKey_StoresTheKeyedHashAndNoAddress()
    {
        await using var hashing = await TraxApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Trax:IpHashKey"] = "integration-test-key-0123456789abcdef",
        });
        await hashing.CreateLinkAsync(SuperGame);
        var visit = HttpRequests.Visit("/go/supergame1");
        visit.Headers["X-Forwarded-For"] = "198.51.100.23";

        await hashing.SendAsync(visit);

        var click = (await hashing.ClicksAsync()).Single();
        Assert.That(click.IpHash, Does.Match("^[0-9a-f]{32}$"));
        Assert.That(click.IpPrefix, Is.Null);
    }

    [Test]
    public async Task Go_StorageDiesAfterTheLinkWasRead_StillRedirectsAndCountsTheLostClick()
    {
        await using var azurite = await AzuriteServer.StartAsync();

        await using var dying = await TraxApp.StartAsync(azurite.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Trax:LinkCacheSeconds"] = "0", // every visit reads the link again, and must fall back to its copy
        });
        await dying.CreateLinkAsync(SuperGame);
        var before = await dying.SendAsync(HttpRequests.Visit("/go/supergame1"));

        azurite.Kill();
        dying.AbandonResources();
        var after = await dying.SendAsync(HttpRequests.Visit("/go/supergame1"));

        Assert.That(before.StatusCode, Is.EqualTo(302));
        Assert.That(after.StatusCode, Is.EqualTo(302));
        Assert.That(after.Location, Does.StartWith("https://network.example/track?aff=42&sub1="));
        Assert.That(after.QueryValue("sub1"), Is.Not.EqualTo(before.QueryValue("sub1")));
        Assert.That(dying.Counted("trax.clicks.recorded"), Is.EqualTo(1));
        Assert.That(dying.Counted("trax.clicks.lost"), Is.EqualTo(1));
    }

    [Test]
    public async Task Go_StorageUnreachableAndLinkNeverRead_Answers503()
    {
        var nowhere = AzuriteServer.ConnectionStringFor([AzuriteServer.FreePort(), AzuriteServer.FreePort(), AzuriteServer.FreePort()]);
        await using var down = await TraxApp.StartAsync(nowhere, createResources: false);

        var answer = await down.SendAsync(HttpRequests.Visit("/go/supergame1"));

        Assert.That(answer.StatusCode, Is.EqualTo(503));
        Assert.That(answer.Field("reason"), Is.EqualTo("storage-unavailable"));
    }

    [Test]
    public async Task RegisterClicks_AfterItsConversions_ReattributesTheOrphans()
    {
        await trax.CreateLinkAsync(SuperGame);
        await trax.GetAsync("/wp-json/trax/v1/reg?clickid=plugin-click-1&network=AffiliateWeb");
        time.Advance(TimeSpan.FromMinutes(30));
        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=plugin-click-1&network=AffiliateWeb");
        await trax.DrainAsync();
        Assert.That((await trax.ConversionRowsAsync()).Select(c => c.Orphan), Is.All.True);
        time.Advance(TimeSpan.FromMinutes(5));

        var answer = await trax.SendAsync(HttpRequests.Json("POST", "/api/clicks", $$"""
            {"clickId": "plugin-click-1", "clickedAt": "{{Start.AddMinutes(-10):O}}", "linkId": "SuperGame1",
             "source": "https://blog.example/review", "sub1": "sidebar", "ip": "198.51.100.23"}
            """));

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        Assert.That(answer.Field("status"), Is.EqualTo("ok"));
        var result = answer.Body!.Value.GetProperty("clicks")[0];
        Assert.That(result.GetProperty("status").GetString(), Is.EqualTo("created"));
        Assert.That(result.GetProperty("reattributed").GetInt32(), Is.EqualTo(2));
        var conversions = (await trax.ConversionRowsAsync()).OrderBy(c => c.RowKey).ToList();
        Assert.That(conversions.Select(c => c.RowKey), Is.EqualTo(new[] { "ftd", "reg" }));
        foreach (var conversion in conversions)
        {
            Assert.That(conversion.Orphan, Is.False, conversion.RowKey);
            Assert.That(conversion.LinkId, Is.EqualTo("supergame1"));
            Assert.That(conversion.ClickNetwork, Is.EqualTo("AffiliateWeb"), "from the link");
            Assert.That(conversion.Campaign, Is.EqualTo("november"), "from the link");
            Assert.That(conversion.AttributionWindowDays, Is.EqualTo(30), "from the link");
            Assert.That(conversion.Source, Is.EqualTo("https://blog.example/review"));
            Assert.That(conversion.Sub1, Is.EqualTo("sidebar"));
            Assert.That(conversion.ClickedAt, Is.EqualTo(Start.AddMinutes(-10)));
            Assert.That(conversion.ReattributedAt, Is.EqualTo(Start.AddMinutes(35)));
        }

        Assert.That(conversions.Single(c => c.RowKey == "reg").SecondsToConvert, Is.EqualTo(600));
        Assert.That(conversions.Single(c => c.RowKey == "ftd").SecondsToConvert, Is.EqualTo(2400));
        var click = (await trax.ClicksAsync()).Single();
        Assert.That(click.Via, Is.EqualTo("api"));
        Assert.That(click.IpPrefix, Is.EqualTo("198.51.100.0/24"));

        // The postback log and the reports learn it: both postbacks now read "created" and both are counted.
        var logRows = await trax.PostbackLog.QueryAsync<Azure.Data.Tables.TableEntity>().ToListAsync();
        Assert.That(logRows.Where(r => r.GetString("Outcome") is not null).Select(r => r.GetString("Outcome")), Is.EqualTo(new[] { "created", "created" }));
        Assert.That(logRows.Count(r => r.RowKey.StartsWith(PostbackLogKeys.DayIndexRowPrefix, StringComparison.Ordinal)), Is.EqualTo(2), "one day-index row per counted conversion");
    }

    [Test]
    public async Task RegisterClicks_SameBatchTwice_StoresOnceAndAnswersExists()
    {
        const string batch = """
            [{"clickid": "c-1", "network": "AffiliateWeb"}, {"clickId": "c-2", "campaign": "winter"}]
            """;

        var first = await trax.SendAsync(HttpRequests.Json("POST", "/api/clicks", batch));
        var clicksAfterFirst = await Snapshot(trax.Clicks);
        var second = await trax.SendAsync(HttpRequests.Json("POST", "/api/clicks", batch));

        Assert.That(first.StatusCode, Is.EqualTo(200));
        Assert.That(second.StatusCode, Is.EqualTo(200));
        Assert.That(Statuses(first), Is.EqualTo(new[] { "created", "created" }));
        Assert.That(Statuses(second), Is.EqualTo(new[] { "exists", "exists" }));
        Assert.That(second.Body!.Value.GetProperty("existing").GetInt32(), Is.EqualTo(2));
        Assert.That(await Snapshot(trax.Clicks), Is.EqualTo(clicksAfterFirst), "the second post changed nothing");
        Assert.That(clicksAfterFirst, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task RegisterClicks_SameClickRacing_AttributesEachOrphanExactlyOnce()
    {
        for (var i = 0; i < 5; i++)
        {
            await trax.GetAsync($"/wp-json/trax/v1/sale?clickid=race-1&txid=T-{i}&payout=1");
        }

        await trax.DrainAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            trax.SendAsync(HttpRequests.Json("POST", "/api/clicks", """{"clickId": "race-1", "campaign": "race"}"""))));

        Assert.That(answers.Select(a => a.StatusCode), Is.All.EqualTo(200));
        var results = answers.Select(a => a.Body!.Value.GetProperty("clicks")[0]).ToList();
        Assert.That(results.Count(r => r.GetProperty("status").GetString() == "created"), Is.EqualTo(1));
        Assert.That(results.Sum(r => r.GetProperty("reattributed").GetInt32()), Is.EqualTo(5), "each orphan updated by one registration");
        var conversions = await trax.ConversionRowsAsync();
        Assert.That(conversions, Has.Count.EqualTo(5));
        Assert.That(conversions.Select(c => (c.Orphan, c.Campaign)), Is.All.EqualTo((false, "race")));
    }

    [Test]
    public async Task RegisterClicks_SomeRefused_Answers400WithEachClicksResultAndStoresTheRest()
    {
        var answer = await trax.SendAsync(HttpRequests.Json("POST", "/api/clicks", """
            [{"clickId": "ok-1", "sub1": "{sub1}", "linkId": "nosuchlink"}, {"clickId": "{clickid}"}, {"clickId": "  "},
             {"clickId": "future", "clickedAt": "2030-01-01T00:00:00Z"}]
            """));

        Assert.That(answer.StatusCode, Is.EqualTo(400));
        Assert.That(answer.Field("status"), Is.EqualTo("rejected"));
        var results = answer.Body!.Value.GetProperty("clicks").EnumerateArray().ToList();
        Assert.That(results.Select(r => r.GetProperty("status").GetString()), Is.EqualTo(new[] { "created", "rejected", "rejected", "rejected" }));
        Assert.That(results.Skip(1).Select(r => r.GetProperty("reason").GetString()),
            Is.EqualTo(new[] { "unreplaced-macro", "missing-clickid", "invalid-clicked-at" }));
        Assert.That(results[0].GetProperty("warnings").EnumerateArray().Select(w => w.GetString()),
            Is.EqualTo(new[] { "linkId:unknown-link", "sub1:unreplaced-macro" }));
        var click = (await trax.ClicksAsync()).Single();
        Assert.That(click.ClickId, Is.EqualTo("ok-1"));
        Assert.That(click.Attributes.LinkId, Is.EqualTo("nosuchlink"));
        Assert.That(click.Attributes.Sub1, Is.Null);
        Assert.That(click.Warnings, Is.EqualTo(new[] { "linkId:unknown-link", "sub1:unreplaced-macro" }));
    }

    [Test]
    public async Task RegisterClicks_ClickFromTheRegistrationApi_AttributesALaterPostback()
    {
        await trax.SendAsync(HttpRequests.Json("POST", "/api/clicks",
            """{"clickId": "wp-123", "network": "AffiliateWeb", "program": "SuperGame1", "attributionWindowDays": 7}"""));
        time.Advance(TimeSpan.FromDays(8));

        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=wp-123");
        await trax.DrainAsync();

        var conversion = (await trax.ConversionRowsAsync()).Single();
        Assert.That(conversion.Orphan, Is.False);
        Assert.That(conversion.ClickProgram, Is.EqualTo("SuperGame1"));
        Assert.That(conversion.OutsideWindow, Is.True);
    }

    private static IEnumerable<string?> Statuses(Answer answer) =>
        answer.Body!.Value.GetProperty("clicks").EnumerateArray().Select(r => r.GetProperty("status").GetString());

    private static async Task<List<string>> Snapshot(Azure.Data.Tables.TableClient table) =>
        (await table.QueryAsync<Azure.Data.Tables.TableEntity>().ToListAsync())
        .Select(e => JsonSerializer.Serialize(e.OrderBy(p => p.Key).ToDictionary(p => p.Key, p => p.Value?.ToString())))
        .ToList();
}
