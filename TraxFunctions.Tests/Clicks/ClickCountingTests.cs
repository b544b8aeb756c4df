using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Trax.Clicks;
using Trax.Links;
using Trax.Storage;

namespace Trax.Tests.Clicks;

/// <summary>
/// How the redirect counts a click (its row in the Traffic table, written beside the click) and what happens when
/// only one of the two writes lands: the count follows the stored click, and the visitor is redirected either way.
/// </summary>
public sealed class ClickCountingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 40, 0, TimeSpan.Zero);

    private UnitApp app = null!;
    private MetricCollector<long> recorded = null!;
    private MetricCollector<long> lost = null!;

    [SetUp]
    public void SetUp()
    {
        app = UnitApp.Create(configureServices: services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new FakeTimeProvider(Now))));
        recorded = app.Collect<long>("trax.clicks.recorded");
        lost = app.Collect<long>("trax.clicks.lost");
        app.Links.PointReadReturns(LinkEntity.From(new Link("supergame1", "https://network.example/track?sub1={clickid}", "AffiliateWeb", "SuperGame1", "november")));
    }

    [TearDown]
    public void TearDown()
    {
        recorded.Dispose();
        lost.Dispose();
        app.Dispose();
    }

    [Test]
    public async Task Redirect_Click_IsCountedByItsRowAndHourMarkerInOneTransaction()
    {
        var answer = await app.SendAsync(HttpRequests.Visit("/go/supergame1?source=news&sub2=x&cost=0.25&currency=usd"));

        var id = answer.QueryValue("sub1")!;
        var actions = app.Traffic.Transactions.Single();
        Assert.That(actions.Select(a => (a.ActionType, a.Entity.PartitionKey, a.Entity.RowKey)), Is.EqualTo(new[]
        {
            (TableTransactionActionType.Add, ClickDayKeys.Partition(ClickDayKeys.Day(Now), ClickDayKeys.Shard(id)), "c-" + id),
            (TableTransactionActionType.UpsertMerge, ClickDayKeys.Partition(ClickDayKeys.Day(Now), ClickDayKeys.Shard(id)), "a-12"),
        }));
        var row = ((ClickDayEntity)actions[0].Entity).ToCounted();
        Assert.That(row, Is.EqualTo(new CountedClick(id, Now, "supergame1", "AffiliateWeb", "SuperGame1", "november", "news", null, "x", null, null, null, 0.25m, "USD")));
        Assert.That(app.Clicks.Added.OfType<ClickEntity>().Single().ClickId, Is.EqualTo(id));
    }

    [Test]
    public async Task Redirect_CountFails_RedirectsWithTheStoredClick()
    {
        app.Traffic.Mock
            .Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException("Connection refused"));

        var answer = await app.SendAsync(HttpRequests.Visit("/go/supergame1"));

        Assert.That(answer.StatusCode, Is.EqualTo(302));
        Assert.That(answer.QueryValue("sub1"), Is.EqualTo(app.Clicks.Added.OfType<ClickEntity>().Single().ClickId), "the visitor carries the stored click's id");
        Assert.That((Meters.Total(recorded), Meters.Total(lost)), Is.EqualTo((1L, 0L)));
    }

    [Test]
    public async Task Redirect_ClickLostButCounted_TakesTheCountBack()
    {
        app.Clicks.Mock
            .Setup(t => t.AddEntityAsync(It.IsAny<ITableEntity>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException("Connection refused"));

        var answer = await app.SendAsync(HttpRequests.Visit("/go/supergame1"));

        Assert.That(answer.StatusCode, Is.EqualTo(302));
        Assert.That((Meters.Total(recorded), Meters.Total(lost)), Is.EqualTo((0L, 1L)));
        var (added, removed) = (app.Traffic.Transactions[0], app.Traffic.Transactions[1]);
        Assert.That(removed.Select(a => (a.ActionType, a.Entity.RowKey)), Is.EqualTo(new[]
        {
            (TableTransactionActionType.Delete, added[0].Entity.RowKey), (TableTransactionActionType.UpsertMerge, added[1].Entity.RowKey),
        }), "the count of a click that was not stored is deleted, and its hour marked again");
    }

    [Test]
    public async Task Redirect_TakenId_TakesBackTheCountOfTheTakenIdAndCountsTheNewOne()
    {
        var first = true;
        app.Clicks.Mock
            .Setup(t => t.AddEntityAsync(It.IsAny<ITableEntity>(), It.IsAny<CancellationToken>()))
            .Returns((ITableEntity e, CancellationToken _) =>
            {
                if (first)
                {
                    first = false;
                    throw new RequestFailedException(409, "The specified entity already exists.", "EntityAlreadyExists", null);
                }

                app.Clicks.Added.Add(e);
                return Task.FromResult(Mock.Of<Response>());
            });
        app.Clicks.PointReadReturns(ClickEntity.From(new Click { ClickId = "someone-else", ClickedAt = DateTimeOffset.UnixEpoch })); // the id's owner

        var answer = await app.SendAsync(HttpRequests.Visit("/go/supergame1"));

        var id = answer.QueryValue("sub1")!;
        Assert.That(app.Traffic.Transactions.Select(t => t[0].ActionType.ToString() + " " + t[0].Entity.RowKey.StartsWith("c-", StringComparison.Ordinal)),
            Is.EqualTo(new[] { "Add True", "Delete True", "Add True" }));
        Assert.That(app.Traffic.Transactions[2][0].Entity.RowKey, Is.EqualTo("c-" + id));
        Assert.That(app.Traffic.Transactions[1][0].Entity.RowKey, Is.Not.EqualTo("c-" + id));
    }
}
