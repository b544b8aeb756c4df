using System.Diagnostics.Metrics;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Trax.Clicks;
using Trax.Links;
using Trax.Monitoring;
using Trax.Storage;
using Trax.Tests.Support;

namespace Trax.Tests.Clicks;

/// <summary>The redirect handler against mocked tables: what it stores, and what a visitor gets when storage fails.</summary>
public sealed class ClickTrackerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private Mock<TableClient> linksTable = null!;
    private Mock<TableClient> clicksTable = null!;
    private List<ClickEntity> stored = null!;
    private ManualTime time = null!;
    private ServiceProvider meters = null!;
    private CounterRecorder counters = null!;
    private TraxOptions options = null!;

    [SetUp]
    public void SetUp()
    {
        linksTable = new Mock<TableClient>();
        clicksTable = new Mock<TableClient>();
        stored = [];
        time = new ManualTime(Now);
        meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        counters = new CounterRecorder(meters.GetRequiredService<IMeterFactory>());
        options = new TraxOptions();
        clicksTable
            .Setup(t => t.AddEntityAsync(It.IsAny<ClickEntity>(), It.IsAny<CancellationToken>()))
            .Callback((ClickEntity e, CancellationToken _) => stored.Add(e))
            .ReturnsAsync(Mock.Of<Response>());
        LinkReadReturns(new Link("supergame1", "https://network.example/track?aff=42&sub1={clickid}", "AffiliateWeb", "SuperGame1",
            "november", AttributionWindowDays: 30));
    }

    [TearDown]
    public void TearDown()
    {
        counters.Dispose();
        meters.Dispose();
    }

    [Test]
    public async Task Redirect_KnownLink_StoresTheClickThenAnswers302WithItsId()
    {
        var tracker = Tracker();
        var request = HttpRequests.Visit("/go/SuperGame1?source=newsletter&sub1=header&sub5=x", referer: "https://site.example/casinos?utm=1");
        request.Headers["X-Forwarded-For"] = "198.51.100.23:6123";

        var answer = await HttpRequests.ExecuteAsync(await tracker.RedirectAsync(request, "SuperGame1", CancellationToken.None), request);

        Assert.That(answer.StatusCode, Is.EqualTo(302));
        Assert.That(answer.Headers.CacheControl.ToString(), Is.EqualTo("no-store"));
        var click = stored.Single();
        Assert.That(answer.Location, Is.EqualTo("https://network.example/track?aff=42&sub1=" + click.ClickId));
        Assert.That(click.ClickId, Has.Length.EqualTo(ClickIdGenerator.Length));
        Assert.That(click.PartitionKey, Is.EqualTo(Keys.ClickPartition(click.ClickId)));
        Assert.That(click.RowKey, Is.EqualTo(Keys.ClickRow));
        Assert.That(click.ClickedAt, Is.EqualTo(Now));
        Assert.That(click.LinkId, Is.EqualTo("supergame1"));
        Assert.That(click.Network, Is.EqualTo("AffiliateWeb"));
        Assert.That(click.Program, Is.EqualTo("SuperGame1"));
        Assert.That(click.Campaign, Is.EqualTo("november"));
        Assert.That(click.AttributionWindowDays, Is.EqualTo(30));
        Assert.That(click.Source, Is.EqualTo("newsletter"), "the source parameter wins over the Referer");
        Assert.That(click.Sub1, Is.EqualTo("header"));
        Assert.That(click.Sub5, Is.EqualTo("x"));
        Assert.That(click.UserAgent, Is.EqualTo(HttpRequests.BrowserUserAgent));
        Assert.That(click.IpPrefix, Is.EqualTo("198.51.100.0/24"));
        Assert.That(click.IpHash, Is.Null);
        Assert.That(click.Via, Is.EqualTo("go"));
        Assert.That(click.Warnings, Is.Null);
        Assert.That(counters["trax.clicks.recorded"], Is.EqualTo(1));
        Assert.That(counters["trax.clicks.lost"], Is.EqualTo(0));
    }

    [Test]
    public async Task Redirect_NoSourceParameter_KeepsTheRefererOriginAndPathOnly()
    {
        var request = HttpRequests.Visit("/go/supergame1", referer: "https://user:pw@site.example:8443/reviews/top?email=a%40b.example#list");

        await Tracker().RedirectAsync(request, "supergame1", CancellationToken.None);

        Assert.That(stored.Single().Source, Is.EqualTo("https://site.example:8443/reviews/top"));
    }

    [Test]
    public async Task Redirect_UnusableSubIds_AreDroppedWithWarningsAndTheVisitorRedirected()
    {
        var request = HttpRequests.Visit($"/go/supergame1?sub1={new string('a', 201)}&sub2=a%07b&sub3=%7Bsubid%7D&sub4=ok&source=x&source=y");

        var result = await Tracker().RedirectAsync(request, "supergame1", CancellationToken.None);

        Assert.That(result, Is.TypeOf<RedirectAnswer>());
        var click = stored.Single();
        Assert.That(new[] { click.Sub1, click.Sub2, click.Sub3 }, Is.All.Null);
        Assert.That(click.Sub4, Is.EqualTo("ok"));
        Assert.That(click.Source, Is.EqualTo("x"));
        Assert.That(click.Warnings, Is.EqualTo("source:multiple-values;sub1:too-long;sub2:control-characters;sub3:unreplaced-macro"));
    }

    [Test]
    public async Task Redirect_ClicksTableDown_StillRedirectsAndCountsTheLostClick()
    {
        clicksTable
            .Setup(t => t.AddEntityAsync(It.IsAny<ClickEntity>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException("Connection refused"));

        var result = await Tracker().RedirectAsync(HttpRequests.Visit("/go/supergame1"), "supergame1", CancellationToken.None);

        Assert.That(result, Is.TypeOf<RedirectAnswer>());
        Assert.That(((RedirectAnswer)result).Location, Does.StartWith("https://network.example/track?aff=42&sub1="));
        Assert.That(counters["trax.clicks.lost"], Is.EqualTo(1));
        Assert.That(counters["trax.clicks.recorded"], Is.EqualTo(0));
        Assert.That(counters.Tags("trax.clicks.lost").Single(), Does.Contain(new KeyValuePair<string, object?>("link", "supergame1")));
    }

    [Test]
    public async Task Redirect_LinksTableDownAfterTheLinkWasRead_RedirectsWithTheCopy()
    {
        var tracker = Tracker();
        await tracker.RedirectAsync(HttpRequests.Visit("/go/supergame1"), "supergame1", CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(options.LinkCacheSeconds + 1));
        LinkReadThrows();

        var result = await tracker.RedirectAsync(HttpRequests.Visit("/go/supergame1"), "supergame1", CancellationToken.None);

        Assert.That(result, Is.TypeOf<RedirectAnswer>());
        Assert.That(stored, Has.Count.EqualTo(2));
        linksTable.Verify(t => t.GetEntityIfExistsAsync<LinkEntity>("supergame1", Keys.LinkRow, null, It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Test]
    public async Task Redirect_LinkReadWithinCacheTime_DoesNotReadAgain()
    {
        var tracker = Tracker();

        await tracker.RedirectAsync(HttpRequests.Visit("/go/supergame1"), "supergame1", CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(options.LinkCacheSeconds - 1));
        await tracker.RedirectAsync(HttpRequests.Visit("/go/supergame1"), "supergame1", CancellationToken.None);

        linksTable.Verify(t => t.GetEntityIfExistsAsync<LinkEntity>("supergame1", Keys.LinkRow, null, It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(stored, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Redirect_LinksTableDownAndLinkNeverRead_Answers503()
    {
        LinkReadThrows();
        var request = HttpRequests.Visit("/go/supergame1");

        var answer = await HttpRequests.ExecuteAsync(await Tracker().RedirectAsync(request, "supergame1", CancellationToken.None), request);

        Assert.That(answer.StatusCode, Is.EqualTo(503));
        Assert.That(answer.Field("reason"), Is.EqualTo("storage-unavailable"));
        Assert.That(answer.Headers.RetryAfter.ToString(), Is.EqualTo("30"));
        Assert.That(stored, Is.Empty);
    }

    [Test]
    public async Task Redirect_MintedIdTakenAlready_StoresTheClickUnderANewId()
    {
        var ids = new Mock<IClickIdGenerator>();
        ids.SetupSequence(g => g.NewClickId()).Returns("taken-id-0000000000000").Returns("fresh-id-0000000000000");
        clicksTable
            .Setup(t => t.AddEntityAsync(It.Is<ClickEntity>(c => c.ClickId == "taken-id-0000000000000"), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(409, "The specified entity already exists.", "EntityAlreadyExists", null));

        var result = await Tracker(ids.Object).RedirectAsync(HttpRequests.Visit("/go/supergame1"), "supergame1", CancellationToken.None);

        Assert.That(((RedirectAnswer)result).Location, Does.EndWith("sub1=fresh-id-0000000000000"));
        Assert.That(stored.Single().PartitionKey, Is.EqualTo("fresh-id-0000000000000"));
        Assert.That(counters["trax.clicks.recorded"], Is.EqualTo(1));
    }

    [Test]
    public async Task Redirect_Bot_RedirectsWithoutStoringAndCountsTheBot()
    {
        var request = HttpRequests.Visit("/go/supergame1", userAgent: "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)");

        var result = await Tracker().RedirectAsync(request, "supergame1", CancellationToken.None);

        Assert.That(result, Is.TypeOf<RedirectAnswer>());
        Assert.That(stored, Is.Empty);
        Assert.That(counters["trax.clicks.bots"], Is.EqualTo(1));
        Assert.That(counters.Tags("trax.clicks.bots").Single(), Does.Contain(new KeyValuePair<string, object?>("bot", "Slackbot")));
    }

    [Test]
    public async Task Redirect_Head_RedirectsWithoutStoring()
    {
        var result = await Tracker().RedirectAsync(HttpRequests.Visit("/go/supergame1", method: "HEAD"), "supergame1", CancellationToken.None);

        Assert.That(result, Is.TypeOf<RedirectAnswer>());
        Assert.That(stored, Is.Empty);
        Assert.That(counters["trax.clicks.recorded"] + counters["trax.clicks.lost"] + counters["trax.clicks.bots"], Is.Zero);
    }

    [TestCase("supergame1", false)]
    [TestCase("nosuchlink", true)]
    public async Task Redirect_DisabledOrUnknownLink_Answers404(string linkId, bool unknown)
    {
        if (unknown)
        {
            LinkReadReturns(null);
        }
        else
        {
            LinkReadReturns(new Link("supergame1", "https://network.example/?s={clickid}", "A", "B", Enabled: false));
        }

        var request = HttpRequests.Visit("/go/" + linkId);
        var answer = await HttpRequests.ExecuteAsync(await Tracker().RedirectAsync(request, linkId, CancellationToken.None), request);

        Assert.That(answer.StatusCode, Is.EqualTo(404));
        Assert.That(answer.Field("status"), Is.EqualTo("not-found"));
        Assert.That(answer.Field("reason"), Is.EqualTo("unknown-link"));
        Assert.That(stored, Is.Empty);
    }

    [Test]
    public async Task Redirect_LinkIdThatCannotExist_Answers404WithoutAStorageCall()
    {
        var result = await Tracker().RedirectAsync(HttpRequests.Visit("/go/x"), "no.such/link", CancellationToken.None);

        Assert.That(((Http.JsonAnswer<Http.ErrorBody>)result).StatusCode, Is.EqualTo(404));
        linksTable.VerifyNoOtherCalls();
    }

    private ClickTracker Tracker(IClickIdGenerator? ids = null)
    {
        var opts = Options.Create(options);
        return new ClickTracker(
            new LinkCache(new LinkStore(linksTable.Object), time, opts),
            new TraxTables(new Mock<TableClient>(MockBehavior.Strict).Object, clicksTable.Object, new Mock<TableClient>(MockBehavior.Strict).Object),
            ids ?? new ClickIdGenerator(),
            new IpPrivacy(opts),
            new TraxMetrics(meters.GetRequiredService<IMeterFactory>()),
            time,
            opts,
            NullLogger<ClickTracker>.Instance);
    }

    private void LinkReadReturns(Link? link)
    {
        var response = new Mock<NullableResponse<LinkEntity>>();
        response.SetupGet(r => r.HasValue).Returns(link is not null);
        response.SetupGet(r => r.Value).Returns(link is null ? null! : LinkEntity.From(link));
        linksTable
            .Setup(t => t.GetEntityIfExistsAsync<LinkEntity>(It.IsAny<string>(), It.IsAny<string>(), null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(response.Object);
    }

    private void LinkReadThrows() =>
        linksTable
            .Setup(t => t.GetEntityIfExistsAsync<LinkEntity>(It.IsAny<string>(), It.IsAny<string>(), null, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException("Connection refused"));
}
