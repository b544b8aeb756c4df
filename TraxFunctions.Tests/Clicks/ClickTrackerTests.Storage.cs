using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Moq;
using Trax.Clicks;
using Trax.Links;
using Trax.Storage;

namespace Trax.Tests.Clicks;

/// <summary>The redirect when a table is down, when the link is read from the cache, and when a minted id is taken.</summary>
public sealed partial class ClickTrackerTests
{
    private int LinkCacheSeconds => app.Get<Microsoft.Extensions.Options.IOptions<TraxOptions>>().Value.LinkCacheSeconds;

    [Test]
    public async Task Redirect_ClicksTableDown_StillRedirectsAndCountsTheLostClick()
    {
        app.Clicks.Mock
            .Setup(t => t.AddEntityAsync(It.IsAny<ITableEntity>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException("Connection refused"));

        var answer = await app.SendAsync(HttpRequests.Visit("/go/supergame1"));

        Assert.That(answer.StatusCode, Is.EqualTo(302));
        Assert.That(answer.Location, Does.StartWith("https://network.example/track?aff=42&sub1="));
        Assert.That(Meters.Total(lost), Is.EqualTo(1));
        Assert.That(Meters.Total(recorded), Is.EqualTo(0));
        Assert.That(lost.GetMeasurementSnapshot().Single().Tags["link"], Is.EqualTo("supergame1"));
    }

    [Test]
    public async Task Redirect_LinksTableDownAfterTheLinkWasRead_RedirectsWithTheCopy()
    {
        await app.SendAsync(HttpRequests.Visit("/go/supergame1"));
        time.Advance(TimeSpan.FromSeconds(LinkCacheSeconds + 1));
        LinkReadThrows();

        var answer = await app.SendAsync(HttpRequests.Visit("/go/supergame1"));

        Assert.That(answer.StatusCode, Is.EqualTo(302));
        Assert.That(Stored, Has.Count.EqualTo(2));
        app.Links.Mock.Verify(t => t.GetEntityIfExistsAsync<LinkEntity>("supergame1", Keys.LinkRow, null, It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Test]
    public async Task Redirect_LinkReadWithinCacheTime_DoesNotReadAgain()
    {
        await app.SendAsync(HttpRequests.Visit("/go/supergame1"));
        time.Advance(TimeSpan.FromSeconds(LinkCacheSeconds - 1));
        await app.SendAsync(HttpRequests.Visit("/go/supergame1"));

        app.Links.Mock.Verify(t => t.GetEntityIfExistsAsync<LinkEntity>("supergame1", Keys.LinkRow, null, It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(Stored, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Redirect_LinksTableDownAndLinkNeverRead_Answers503()
    {
        LinkReadThrows();

        var answer = await app.SendAsync(HttpRequests.Visit("/go/supergame1"));

        Assert.That(answer.StatusCode, Is.EqualTo(503), "the middleware answers for the link read that failed");
        Assert.That(answer.Field("reason"), Is.EqualTo("storage-unavailable"));
        Assert.That(answer.Headers.RetryAfter.ToString(), Is.EqualTo("30"));
        Assert.That(Stored, Is.Empty);
    }

    [Test]
    public async Task Redirect_MintedIdTakenAlready_StoresTheClickUnderANewId()
    {
        var ids = new Mock<IClickIdGenerator>();
        ids.SetupSequence(g => g.NewClickId()).Returns("taken-id-0000000000000").Returns("fresh-id-0000000000000");
        Start(services => services.Replace(ServiceDescriptor.Singleton(ids.Object)));
        app.Clicks.Mock
            .Setup(t => t.AddEntityAsync(It.Is<ITableEntity>(c => c.PartitionKey == "taken-id-0000000000000"), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(409, "The specified entity already exists.", "EntityAlreadyExists", null));
        app.Clicks.PointReadReturns(ClickEntity.From(new Click { ClickId = "taken-id-0000000000000", ClickedAt = DateTimeOffset.UnixEpoch })); // someone else's

        var answer = await app.SendAsync(HttpRequests.Visit("/go/supergame1"));

        Assert.That(answer.Location, Does.EndWith("sub1=fresh-id-0000000000000"));
        Assert.That(Stored.Single().PartitionKey, Is.EqualTo("fresh-id-0000000000000"));
        Assert.That(Meters.Total(recorded), Is.EqualTo(1));
    }

    [Test]
    public async Task Redirect_MintedIdTakenThenStorageFails_SendsTheVisitorOnWithTheFreshIdNeverTheTakenOne()
    {
        // The taken id is another visitor's click: a conversion under it would be attributed to that visit. The fresh
        // one may even have been stored before the fault was seen, so it is the one the network gets.
        var ids = new Mock<IClickIdGenerator>();
        ids.SetupSequence(g => g.NewClickId()).Returns("taken-id-0000000000000").Returns("fresh-id-0000000000000").Returns("third-id-0000000000000");
        Start(services => services.Replace(ServiceDescriptor.Singleton(ids.Object)));
        app.Clicks.Mock
            .Setup(t => t.AddEntityAsync(It.Is<ITableEntity>(c => c.PartitionKey == "taken-id-0000000000000"), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(409, "The specified entity already exists.", "EntityAlreadyExists", null));
        app.Clicks.Mock
            .Setup(t => t.AddEntityAsync(It.Is<ITableEntity>(c => c.PartitionKey == "fresh-id-0000000000000"), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException("Connection refused"));
        app.Clicks.PointReadReturns(ClickEntity.From(new Click { ClickId = "taken-id-0000000000000", ClickedAt = DateTimeOffset.UnixEpoch })); // someone else's

        var answer = await app.SendAsync(HttpRequests.Visit("/go/supergame1"));

        Assert.That(answer.StatusCode, Is.EqualTo(302));
        Assert.That(answer.Location, Does.EndWith("sub1=fresh-id-0000000000000"));
        Assert.That(Meters.Total(lost), Is.EqualTo(1));
    }

    private void LinkReadThrows() =>
        app.Links.Mock
            .Setup(t => t.GetEntityIfExistsAsync<LinkEntity>(It.IsAny<string>(), It.IsAny<string>(), null, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException("Connection refused"));
}
