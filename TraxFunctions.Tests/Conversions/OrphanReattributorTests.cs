using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Trax.Clicks;
using Trax.Conversions;
using Trax.Core;
using Trax.PostbackLog;
using Trax.Storage;

namespace Trax.Tests.Conversions;

/// <summary>
/// Re-attribution against mocked tables: one query, then per orphan the log and index rows first (one read of the index
/// row, one transaction) and a conditional replace of the conversion last; it finishes or throws.
/// </summary>
public sealed class OrphanReattributorTests
{
    private static readonly DateTimeOffset ClickedAt = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static readonly Click Click = new()
    {
        ClickId = "85512345", ClickedAt = ClickedAt, Attributes = new() { LinkId = "supergame1", Campaign = "november" }, AttributionWindowDays = 1,
    };

    private MockTable conversions = null!;
    private MockTable log = null!;
    private List<string> calls = null!;

    [SetUp]
    public void SetUp()
    {
        conversions = new MockTable();
        log = new MockTable();
        calls = [];
        log.Mock.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .Callback((IEnumerable<TableTransactionAction> actions, CancellationToken _) =>
            {
                log.Transactions.Add([.. actions]);
                calls.Add("log");
            })
            .ReturnsAsync(Response.FromValue<IReadOnlyList<Response>>([], Mock.Of<Response>()));
        log.Mock.Setup(t => t.UpsertEntityAsync(It.IsAny<ITableEntity>(), It.IsAny<TableUpdateMode>(), It.IsAny<CancellationToken>()))
            .Callback((ITableEntity e, TableUpdateMode _, CancellationToken _) =>
            {
                log.Upserted.Add(e);
                calls.Add("log");
            })
            .ReturnsAsync(Mock.Of<Response>());
        log.PointReadReturns<DayIndexEntity>(null);
        UpdatesSucceed();
    }

    [Test]
    public async Task Reattribute_TwoOrphans_QueriesThePartitionOnceAndReplacesEachUnderItsETag()
    {
        QueryReturns(Orphan("ftd", ClickedAt.AddHours(2), "W/\"1\""), Orphan("sale:T-1", ClickedAt.AddDays(3), "W/\"2\""));
        var updates = new List<(string RowKey, ETag ETag, TableUpdateMode Mode, bool Orphan, bool OutsideWindow)>();
        conversions.Mock
            .Setup(t => t.UpdateEntityAsync(It.IsAny<ITableEntity>(), It.IsAny<ETag>(), It.IsAny<TableUpdateMode>(), It.IsAny<CancellationToken>()))
            .Callback((ITableEntity e, ETag tag, TableUpdateMode mode, CancellationToken _) =>
                updates.Add((e.RowKey, tag, mode, ((ConversionEntity)e).Orphan, ((ConversionEntity)e).OutsideWindow)))
            .ReturnsAsync(Mock.Of<Response>());

        var count = await Reattributor().ClickRegisteredAsync(Click, CancellationToken.None);

        Assert.That(count, Is.EqualTo(2));
        Assert.That(updates, Is.EqualTo(new[]
        {
            ("ftd", new ETag("W/\"1\""), TableUpdateMode.Replace, false, false),
            ("sale:T-1", new ETag("W/\"2\""), TableUpdateMode.Replace, false, true),
        }));
        conversions.Mock.Verify(t => t.QueryAsync<ConversionEntity>(
            "PartitionKey eq '85512345' and Orphan eq true", null, null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Reattribute_Orphan_WritesTheLogAndIndexBeforeItStopsBeingAnOrphan()
    {
        // If the conversion were marked first, a failure before the log write would leave it attributed but never
        // counted, and the next registration would find no orphan to heal.
        QueryReturns(Orphan("ftd", ClickedAt.AddHours(2), "W/\"1\""));

        await Reattributor().ClickRegisteredAsync(Click, CancellationToken.None);

        Assert.That(calls, Is.EqualTo(new[] { "log", "conversion" }));
    }

    [Test]
    public async Task Reattribute_LogWriteFails_LeavesTheOrphanForTheNextRegistration()
    {
        QueryReturns(Orphan("ftd", ClickedAt.AddHours(2), "W/\"1\""));
        log.Mock.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(MockTable.ServerBusy());

        await Assert.ThrowsAsync<RequestFailedException>(() => Reattributor().ClickRegisteredAsync(Click, CancellationToken.None));

        conversions.Mock.Verify(t => t.UpdateEntityAsync(It.IsAny<ITableEntity>(), It.IsAny<ETag>(), It.IsAny<TableUpdateMode>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Reattribute_ConcurrentUpdateStillOrphan_RereadsAndRetries()
    {
        QueryReturns(Orphan("ftd", ClickedAt.AddHours(2), "W/\"1\""));
        conversions.Mock
            .SetupSequence(t => t.UpdateEntityAsync(It.IsAny<ITableEntity>(), It.IsAny<ETag>(), TableUpdateMode.Replace, It.IsAny<CancellationToken>()))
            .ThrowsAsync(PreconditionFailed())
            .ReturnsAsync(Mock.Of<Response>());
        conversions.PointReadReturns(Orphan("ftd", ClickedAt.AddHours(2), "W/\"7\""));

        var count = await Reattributor().ClickRegisteredAsync(Click, CancellationToken.None);

        Assert.That(count, Is.EqualTo(1));
        conversions.Mock.Verify(t => t.UpdateEntityAsync(It.IsAny<ITableEntity>(), new ETag("W/\"7\""), TableUpdateMode.Replace, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Reattribute_ConcurrentUpdateAttributedItAlready_SkipsIt()
    {
        QueryReturns(Orphan("ftd", ClickedAt.AddHours(2), "W/\"1\""));
        conversions.Mock
            .Setup(t => t.UpdateEntityAsync(It.IsAny<ITableEntity>(), It.IsAny<ETag>(), TableUpdateMode.Replace, It.IsAny<CancellationToken>()))
            .ThrowsAsync(PreconditionFailed());
        var attributed = Orphan("ftd", ClickedAt.AddHours(2), "W/\"8\"");
        attributed.Orphan = false;
        attributed.ClickedAt = ClickedAt;
        conversions.PointReadReturns(attributed);

        var count = await Reattributor().ClickRegisteredAsync(Click, CancellationToken.None);

        Assert.That(count, Is.Zero);
        conversions.Mock.Verify(t => t.UpdateEntityAsync(It.IsAny<ITableEntity>(), It.IsAny<ETag>(), TableUpdateMode.Replace, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Reattribute_NoOrphans_WritesNothing()
    {
        QueryReturns();

        var count = await Reattributor().ClickRegisteredAsync(Click, CancellationToken.None);

        Assert.That(count, Is.Zero);
        Assert.That(calls, Is.Empty);
    }

    [Test]
    public async Task Reattribute_Orphans_MakesTheirLogRowsFinalAndIndexesEachWithItsAttribution()
    {
        var inWindow = Orphan("ftd", ClickedAt.AddHours(2), "W/\"1\"");
        QueryReturns(inWindow, Orphan("sale:T-1", ClickedAt.AddDays(3), "W/\"2\""));

        await Reattributor().ClickRegisteredAsync(Click, CancellationToken.None);

        Assert.That(log.Transactions, Has.Count.EqualTo(2));
        Assert.That(log.Transactions.Select(t => t.Select(a => a.ActionType)), Is.All.EqualTo(new[] { TableTransactionActionType.UpsertReplace, TableTransactionActionType.Add, TableTransactionActionType.UpsertMerge, TableTransactionActionType.UpdateMerge }),
            "the log row is final; the day-index row was read first and is added where there was none (else merged); its hour's rollup marker and its day's, which must exist, ride along");
        Assert.That(log.Transactions.Select(t => t[3].Entity.RowKey), Is.All.EqualTo(HourMarkers.DayRow));
        var created = log.Transactions[0];
        var row = (PostbackLogEntity)created[0].Entity;
        Assert.That(row.Outcome, Is.EqualTo("created"));
        Assert.That(row.RowKey, Is.EqualTo(PostbackLogKeys.LogRow(inWindow.ReceivedAt, inWindow.PostbackId)));
        Assert.That(row.Query, Is.EqualTo("clickid=85512345"), "the whole row, from the stored conversion: never a skeleton");
        var index = (DayIndexEntity)created[1].Entity;
        Assert.That(index.PostbackId, Is.EqualTo(inWindow.PostbackId));
        Assert.That((index.Campaign, index.Attribution), Is.EqualTo(("november", "attributed")));
        Assert.That(index.PartitionKey, Is.EqualTo(row.PartitionKey));
        var outside = log.Transactions[1];
        Assert.That(((PostbackLogEntity)outside[0].Entity).Outcome, Is.EqualTo("outside-window"), "outside the window: logged as final");
        Assert.That(((DayIndexEntity)outside[1].Entity).Attribution, Is.EqualTo("outside-window"), "and counted as such");
    }

    [Test]
    public async Task Reattribute_OrphanIndexedUnattributed_MergesItsRowInPlaceUnderItsETag()
    {
        var orphan = Orphan("ftd", ClickedAt.AddHours(2), "W/\"1\"");
        QueryReturns(orphan);
        var indexed = DayIndexEntity.From(new DayIndexEntry
        {
            PostbackId = orphan.PostbackId, ReceivedAt = orphan.ReceivedAt, Type = "ftd", ClickId = "85512345", ConversionKey = "ftd",
            Attribution = "unattributed", Status = "approved", StatusBy = orphan.PostbackId, MoneyBy = "",
        });
        indexed.ETag = new ETag("W/\"index\"");
        log.PointReadReturns(indexed);

        await Reattributor().ClickRegisteredAsync(Click, CancellationToken.None);

        var actions = log.Transactions.Single();
        Assert.That(actions.Select(a => a.ActionType), Is.EqualTo(new[] { TableTransactionActionType.UpsertReplace, TableTransactionActionType.UpdateReplace, TableTransactionActionType.UpsertMerge, TableTransactionActionType.UpdateMerge }),
            "the log row, the index row under its ETag, its hour's rollup marker and its day's, which must exist");
        Assert.That(actions[3].Entity.RowKey, Is.EqualTo(HourMarkers.DayRow));
        Assert.That(actions[1].ETag, Is.EqualTo(new ETag("W/\"index\"")), "conditional on the row read");
        var merged = (DayIndexEntity)actions[1].Entity;
        Assert.That((merged.PartitionKey, merged.RowKey), Is.EqualTo((indexed.PartitionKey, indexed.RowKey)), "the same row: counted once");
        Assert.That((merged.Attribution, merged.Campaign, merged.Status), Is.EqualTo(("attributed", "november", "approved")));
    }

    [Test]
    public async Task Reattribute_ReplaceLostEveryTime_ThrowsSoTheCallerRetriesInsteadOfGivingUp()
    {
        QueryReturns(Orphan("ftd", ClickedAt.AddHours(2), "W/\"1\""));
        conversions.Mock
            .Setup(t => t.UpdateEntityAsync(It.IsAny<ITableEntity>(), It.IsAny<ETag>(), TableUpdateMode.Replace, It.IsAny<CancellationToken>()))
            .ThrowsAsync(PreconditionFailed());
        conversions.PointReadReturns(Orphan("ftd", ClickedAt.AddHours(2), "W/\"9\""));

        await Assert.ThrowsAsync<StorageContentionException>(() => Reattributor().ClickRegisteredAsync(Click, CancellationToken.None));

        conversions.Mock.Verify(t => t.UpdateEntityAsync(It.IsAny<ITableEntity>(), It.IsAny<ETag>(), TableUpdateMode.Replace, It.IsAny<CancellationToken>()), Times.Exactly(8));
        Assert.That(Trax.Http.StorageFault.Is(new StorageContentionException("x"), CancellationToken.None), Is.True, "answered 503 by the middleware");
    }

    private OrphanReattributor Reattributor() =>
        new(new ConversionStore(conversions.Object), new ConversionJournal(new PostbackLogStore(log.Object), new NoConversionListener()), new FakeTimeProvider(ClickedAt.AddDays(5)),
            NullLogger<OrphanReattributor>.Instance);

    private void UpdatesSucceed() =>
        conversions.Mock
            .Setup(t => t.UpdateEntityAsync(It.IsAny<ITableEntity>(), It.IsAny<ETag>(), It.IsAny<TableUpdateMode>(), It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("conversion"))
            .ReturnsAsync(Mock.Of<Response>());

    private static ConversionEntity Orphan(string rowKey, DateTimeOffset receivedAt, string etag)
    {
        var type = rowKey.StartsWith("sale", StringComparison.Ordinal) ? ConversionType.Sale : ConversionType.Ftd;
        var message = new PostbackMessage
        {
            Version = 1, Id = "p-" + rowKey, Type = type, ClickId = "85512345", ReceivedAt = receivedAt, Method = "GET", Query = "clickid=85512345",
            TxId = type == ConversionType.Sale ? rowKey[5..] : null,
        };
        var entity = ConversionEntity.From(StoredConversions.Of(message, null, receivedAt));
        entity.ETag = new ETag(etag);
        return entity;
    }

    private void QueryReturns(params ConversionEntity[] orphans) =>
        conversions.Mock
            .Setup(t => t.QueryAsync<ConversionEntity>(It.IsAny<string>(), null, null, It.IsAny<CancellationToken>()))
            .Returns(AsyncPageable<ConversionEntity>.FromPages([Page<ConversionEntity>.FromValues(orphans, null, Mock.Of<Response>())]));

    private static RequestFailedException PreconditionFailed() =>
        new(412, "The update condition specified in the request was not satisfied.", "UpdateConditionNotSatisfied", null);
}
