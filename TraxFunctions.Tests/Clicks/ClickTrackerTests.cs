using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Trax.Clicks;
using Trax.Links;
using Trax.Storage;

namespace Trax.Tests.Clicks;

/// <summary>The redirect function with mocked tables: what it stores, and what a visitor gets when storage fails.</summary>
public sealed partial class ClickTrackerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private FakeTimeProvider time = null!;
    private UnitApp app = null!;
    private MetricCollector<long> recorded = null!;
    private MetricCollector<long> lost = null!;
    private MetricCollector<long> bots = null!;

    [SetUp]
    public void SetUp()
    {
        time = new FakeTimeProvider(Now);
        Start();
    }

    [TearDown]
    public void TearDown() => Stop();

    private List<ClickEntity> Stored => [.. app.Clicks.Added.OfType<ClickEntity>()];

    [Test]
    public async Task Redirect_KnownLink_StoresTheClickThenAnswers302WithItsId()
    {
        var request = HttpRequests.Visit("/go/SuperGame1?source=newsletter&sub1=header&sub5=x", referer: "https://site.example/casinos?utm=1");
        request.HttpContext.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("198.51.100.23");

        var answer = await app.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(302));
        Assert.That(answer.Headers.CacheControl.ToString(), Is.EqualTo("no-store"));
        var click = Stored.Single();
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
        Assert.That(Meters.Total(recorded), Is.EqualTo(1));
        Assert.That(Meters.Total(lost), Is.EqualTo(0));
    }

    [Test]
    public async Task Redirect_NoSourceParameter_KeepsTheRefererOriginAndPathOnly()
    {
        var request = HttpRequests.Visit("/go/supergame1", referer: "https://user:pw@site.example:8443/reviews/top?email=a%40b.example#list");

        await app.SendAsync(request);

        Assert.That(Stored.Single().Source, Is.EqualTo("https://site.example:8443/reviews/top"));
    }

    [Test]
    public async Task Redirect_UnusableSubIds_AreDroppedWithWarningsAndTheVisitorRedirected()
    {
        var request = HttpRequests.Visit($"/go/supergame1?sub1={new string('a', 201)}&sub2=a%07b&sub3=%7Bsubid%7D&sub4=ok&source=x&source=y");

        var answer = await app.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(302));
        var click = Stored.Single();
        Assert.That(new[] { click.Sub1, click.Sub2, click.Sub3 }, Is.All.Null);
        Assert.That(click.Sub4, Is.EqualTo("ok"));
        Assert.That(click.Source, Is.EqualTo("x"));
        Assert.That(click.Warnings, Is.EqualTo("source:multiple-values;sub1:too-long;sub2:control-characters;sub3:unreplaced-macro"));
    }

    [Test]
    public async Task Redirect_SubIdRepeatedBesideAnUnreplacedMacro_KeepsTheValueSent()
    {
        // A traffic source whose template names sub1 twice, and fills only one of them.
        var request = HttpRequests.Visit("/go/supergame1?sub1=%7Bzoneid%7D&sub1=zone-42&source=%5Bsource%5D&source=newsletter");

        var answer = await app.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(302));
        var click = Stored.Single();
        Assert.That(click.Sub1, Is.EqualTo("zone-42"));
        Assert.That(click.Source, Is.EqualTo("newsletter"));
        Assert.That(click.Warnings, Is.EqualTo("source:unreplaced-macro;sub1:unreplaced-macro"));
    }

    [TestCase("cost=0.05&cost=0.05&currency=EUR", "0.05", "EUR", null)]
    [TestCase("cost=%7Bcost%7D&cost=0.05&currency=EUR&currency=EUR", "0.05", "EUR", "cost:unreplaced-macro")]
    [TestCase("cost=0.05&cost=0.07&currency=EUR", "0.05", "EUR", "cost:multiple-values")]
    [TestCase("cost=0.05&currency=%7Bcurrency%7D&currency=USD", "0.05", "USD", "currency:unreplaced-macro")]
    public async Task Redirect_CostRepeated_IsReadLikeEveryOtherParameter(string query, string cost, string currency, string? warning)
    {
        // The other parameters keep a repeated value, and a filled one beside a placeholder: so do cost and currency.
        var answer = await app.SendAsync(HttpRequests.Visit("/go/supergame1?" + query));

        Assert.That(answer.StatusCode, Is.EqualTo(302));
        var click = Stored.Single();
        Assert.That(click.Cost, Is.EqualTo(cost));
        Assert.That(click.CostCurrency, Is.EqualTo(currency));
        Assert.That(click.Warnings, Is.EqualTo(warning));
    }

    [Test]
    public async Task Redirect_Bot_RedirectsWithoutStoringAndCountsTheBot()
    {
        var request = HttpRequests.Visit("/go/supergame1", userAgent: "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)");

        var answer = await app.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(302));
        Assert.That(Stored, Is.Empty);
        Assert.That(Meters.Total(bots), Is.EqualTo(1));
        Assert.That(bots.GetMeasurementSnapshot().Single().Tags["bot"], Is.EqualTo("Slackbot"));
    }

    [Test]
    public async Task Redirect_Head_RedirectsWithoutStoring()
    {
        var answer = await app.SendAsync(HttpRequests.Visit("/go/supergame1", method: "HEAD"));

        Assert.That(answer.StatusCode, Is.EqualTo(302));
        Assert.That(Stored, Is.Empty);
        Assert.That(Meters.Total(recorded) + Meters.Total(lost) + Meters.Total(bots), Is.Zero);
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

        var answer = await app.SendAsync(HttpRequests.Visit("/go/" + linkId));

        Assert.That(answer.StatusCode, Is.EqualTo(404));
        Assert.That(answer.Field("status"), Is.EqualTo("not-found"));
        Assert.That(answer.Field("reason"), Is.EqualTo("unknown-link"));
        Assert.That(Stored, Is.Empty);
    }

    [Test]
    public async Task Redirect_LinkIdThatCannotExist_Answers404WithoutAStorageCall()
    {
        var answer = await app.SendAsync(HttpRequests.Visit("/go/no.such%2Flink"));

        Assert.That(answer.StatusCode, Is.EqualTo(404));
        app.Links.Mock.Verify(t => t.GetEntityIfExistsAsync<LinkEntity>(It.IsAny<string>(), It.IsAny<string>(), null, It.IsAny<CancellationToken>()), Times.Never);
    }

    private void Start(Action<IServiceCollection>? configure = null)
    {
        if (app is not null)
        {
            Stop();
        }

        app = UnitApp.Create(configureServices: services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(time));
            configure?.Invoke(services);
        });
        recorded = app.Collect<long>("trax.clicks.recorded");
        lost = app.Collect<long>("trax.clicks.lost");
        bots = app.Collect<long>("trax.clicks.bots");
        LinkReadReturns(new Link("supergame1", "https://network.example/track?aff=42&sub1={clickid}", "AffiliateWeb", "SuperGame1",
            "november", AttributionWindowDays: 30));
    }

    private void Stop()
    {
        recorded.Dispose();
        lost.Dispose();
        bots.Dispose();
        app.Dispose();
    }

    private void LinkReadReturns(Link? link) => app.Links.PointReadReturns(link is null ? null : LinkEntity.From(link));
}
