using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Trax.Clicks;
using Trax.Conversions;
using Trax.PostbackLog;
using Trax.Postbacks;
using Trax.Storage;
using Trax.Tests.Support;

namespace Trax.Tests.Conversions;

/// <summary>Re-attribution against a mocked Conversions table: one query, one conditional merge per orphan.</summary>
public sealed class OrphanReattributorTests
{
    private static readonly DateTimeOffset ClickedAt = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private Mock<TableClient> conversions = null!;
    private RecordingLog log = null!;
    private ClickEntity click = null!;

    [SetUp]
    public void SetUp()
    {
        conversions = new Mock<TableClient>();
        log = new RecordingLog();
        click = ClickEntity.Create("85512345", ClickedAt);
        click.LinkId = "supergame1";
        click.Campaign = "november";
        click.AttributionWindowDays = 1;
    }

    [Test]
    public async Task Reattribute_TwoOrphans_QueriesThePartitionOnceAndMergesEachUnderItsETag()
    {
        var ftd = Orphan("ftd", ClickedAt.AddHours(2), "W/\"1\"");
        var sale = Orphan("sale:T-1", ClickedAt.AddDays(3), "W/\"2\"");
        QueryReturns(ftd, sale);
        var updates = new List<(string RowKey, ETag ETag, TableUpdateMode Mode, bool Orphan, bool OutsideWindow)>();
        conversions
            .Setup(t => t.UpdateEntityAsync(It.IsAny<ConversionEntity>(), It.IsAny<ETag>(), It.IsAny<TableUpdateMode>(), It.IsAny<CancellationToken>()))
            .Callback((ConversionEntity e, ETag tag, TableUpdateMode mode, CancellationToken _) => updates.Add((e.RowKey, tag, mode, e.Orphan, e.OutsideWindow)))
            .ReturnsAsync(Mock.Of<Response>());

        var count = await Reattributor().ReattributeAsync(click, CancellationToken.None);

        Assert.That(count, Is.EqualTo(2));
        Assert.That(updates, Is.EqualTo(new[]
        {
            ("ftd", new ETag("W/\"1\""), TableUpdateMode.Merge, false, false),
            ("sale:T-1", new ETag("W/\"2\""), TableUpdateMode.Merge, false, true),
        }));
        conversions.Verify(t => t.QueryAsync<ConversionEntity>(
            "PartitionKey eq '85512345' and Orphan eq true", null, null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Reattribute_ConcurrentUpdateStillOrphan_RereadsAndRetries()
    {
        QueryReturns(Orphan("ftd", ClickedAt.AddHours(2), "W/\"1\""));
        conversions
            .SetupSequence(t => t.UpdateEntityAsync(It.IsAny<ConversionEntity>(), It.IsAny<ETag>(), TableUpdateMode.Merge, It.IsAny<CancellationToken>()))
            .ThrowsAsync(PreconditionFailed())
            .ReturnsAsync(Mock.Of<Response>());
        PointReadReturns(Orphan("ftd", ClickedAt.AddHours(2), "W/\"7\""));

        var count = await Reattributor().ReattributeAsync(click, CancellationToken.None);

        Assert.That(count, Is.EqualTo(1));
        conversions.Verify(t => t.UpdateEntityAsync(It.IsAny<ConversionEntity>(), new ETag("W/\"7\""), TableUpdateMode.Merge, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Reattribute_ConcurrentUpdateAttributedItAlready_SkipsIt()
    {
        QueryReturns(Orphan("ftd", ClickedAt.AddHours(2), "W/\"1\""));
        conversions
            .Setup(t => t.UpdateEntityAsync(It.IsAny<ConversionEntity>(), It.IsAny<ETag>(), TableUpdateMode.Merge, It.IsAny<CancellationToken>()))
            .ThrowsAsync(PreconditionFailed());
        var attributed = Orphan("ftd", ClickedAt.AddHours(2), "W/\"8\"");
        attributed.Attribute(click);
        PointReadReturns(attributed);

        var count = await Reattributor().ReattributeAsync(click, CancellationToken.None);

        Assert.That(count, Is.Zero);
        conversions.Verify(t => t.UpdateEntityAsync(It.IsAny<ConversionEntity>(), It.IsAny<ETag>(), TableUpdateMode.Merge, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Reattribute_NoOrphans_WritesNothing()
    {
        QueryReturns();

        var count = await Reattributor().ReattributeAsync(click, CancellationToken.None);

        Assert.That(count, Is.Zero);
        conversions.Verify(t => t.UpdateEntityAsync(It.IsAny<ConversionEntity>(), It.IsAny<ETag>(), It.IsAny<TableUpdateMode>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Reattribute_Orphans_MarksTheirLogRowsAndCountsOnlyThoseInsideTheWindow()
    {
        var inWindow = Orphan("ftd", ClickedAt.AddHours(2), "W/\"1\"");
        var late = Orphan("sale:T-1", ClickedAt.AddDays(3), "W/\"2\"");
        QueryReturns(inWindow, late);
        conversions
            .Setup(t => t.UpdateEntityAsync(It.IsAny<ConversionEntity>(), It.IsAny<ETag>(), It.IsAny<TableUpdateMode>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Mock.Of<Response>());

        await Reattributor().ReattributeAsync(click, CancellationToken.None);

        Assert.That(log.Transactions, Has.Count.EqualTo(2), "one transaction per attributed orphan, in its postback's log partition");
        var created = log.Transactions[0];
        Assert.That(created.Select(a => a.ActionType), Is.EqualTo(new[] { TableTransactionActionType.UpsertMerge, TableTransactionActionType.UpsertReplace }));
        Assert.That(((TableEntity)created[0].Entity)["Outcome"], Is.EqualTo("created"));
        Assert.That(created[0].Entity.RowKey, Is.EqualTo(Keys.LogRow(inWindow.ReceivedAt, inWindow.PostbackId)));
        var index = (Trax.PostbackLog.ConversionDayEntity)created[1].Entity;
        Assert.That(index.PostbackId, Is.EqualTo(inWindow.PostbackId));
        Assert.That(index.Campaign, Is.EqualTo("november"));
        Assert.That(index.PartitionKey, Is.EqualTo(created[0].Entity.PartitionKey));
        var outside = log.Transactions[1];
        Assert.That(outside, Has.Count.EqualTo(1), "outside the window: logged, not counted");
        Assert.That(((TableEntity)outside[0].Entity)["Outcome"], Is.EqualTo("outside-window"));
    }

    private OrphanReattributor Reattributor()
    {
        var tables = new TraxTables(conversions.Object, new Mock<TableClient>(MockBehavior.Strict).Object, log.Table.Object);
        var time = new ManualTime(ClickedAt.AddDays(5));
        return new(tables, new PostbackLogWriter(tables, time, NullLogger<PostbackLogWriter>.Instance), time, NullLogger<OrphanReattributor>.Instance);
    }

    private static ConversionEntity Orphan(string rowKey, DateTimeOffset receivedAt, string etag)
    {
        var message = new PostbackMessage
        {
            Version = 1, Id = "p-" + rowKey, Type = ConversionType.Ftd, ClickId = "85512345", ReceivedAt = receivedAt,
        };
        var conversion = ConversionEntity.From(message, null, receivedAt);
        conversion.RowKey = rowKey;
        conversion.ETag = new ETag(etag);
        return conversion;
    }

    private void QueryReturns(params ConversionEntity[] orphans) =>
        conversions
            .Setup(t => t.QueryAsync<ConversionEntity>(It.IsAny<string>(), null, null, It.IsAny<CancellationToken>()))
            .Returns(AsyncPageable<ConversionEntity>.FromPages([Page<ConversionEntity>.FromValues(orphans, null, Mock.Of<Response>())]));

    private void PointReadReturns(ConversionEntity entity)
    {
        var response = new Mock<NullableResponse<ConversionEntity>>();
        response.SetupGet(r => r.HasValue).Returns(true);
        response.SetupGet(r => r.Value).Returns(entity);
        conversions
            .Setup(t => t.GetEntityIfExistsAsync<ConversionEntity>("85512345", "ftd", null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(response.Object);
    }

    private static RequestFailedException PreconditionFailed() =>
        new(412, "The update condition specified in the request was not satisfied.", "UpdateConditionNotSatisfied", null);
}
