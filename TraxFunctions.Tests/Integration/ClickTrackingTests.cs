using Microsoft.Extensions.Time.Testing;
using Trax.Clicks;

using Trax.PostbackLog;

namespace Trax.Tests.Integration;

/// <summary>
/// Links, the redirect and click registration on Azurite, through the app's own DI and the host's routing:
/// create a link → follow <c>/go</c> → fire the postback → read the attributed conversion.
/// </summary>
[Category("Integration")]
public sealed partial class ClickTrackingTests
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
}
