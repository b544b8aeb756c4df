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

/// <summary>The processor against mocked tables: what it reads, what it writes, and what it does on failure.</summary>
public sealed class ConversionProcessorTests
{
    private static readonly DateTimeOffset ClickedAt = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ReceivedAt = ClickedAt.AddMinutes(90);

    private Mock<TableClient> conversions = null!;
    private Mock<TableClient> clicks = null!;
    private List<ConversionEntity> added = null!;
    private RecordingLog log = null!;

    [SetUp]
    public void SetUp()
    {
        conversions = new Mock<TableClient>();
        clicks = new Mock<TableClient>();
        added = [];
        log = new RecordingLog();
        conversions
            .Setup(t => t.AddEntityAsync(It.IsAny<ConversionEntity>(), It.IsAny<CancellationToken>()))
            .Callback((ConversionEntity e, CancellationToken _) => added.Add(e))
            .ReturnsAsync(Mock.Of<Response>());
    }

    [Test]
    public async Task Process_KnownClick_StoresAttributedConversion()
    {
        var click = ClickEntity.Create("85512345", ClickedAt);
        click.LinkId = "supergame";
        click.Campaign = "winter";
        click.Network = "AffiliateWeb";
        click.Source = "https://site.example/reviews";
        click.Sub1 = "header";
        ClickReadReturns(click);

        var outcome = await Processor().ProcessAsync(Message(), CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(ConversionOutcome.Created));
        var stored = added.Single();
        Assert.That(stored.PartitionKey, Is.EqualTo("85512345"));
        Assert.That(stored.RowKey, Is.EqualTo("ftd"));
        Assert.That(stored.Type, Is.EqualTo("ftd"));
        Assert.That(stored.Network, Is.EqualTo("AffiliateWeb"));
        Assert.That(stored.Program, Is.EqualTo("SuperGame1"));
        Assert.That(stored.PostbackId, Is.EqualTo("p-1"));
        Assert.That(stored.Orphan, Is.False);
        Assert.That(stored.ClickedAt, Is.EqualTo(ClickedAt));
        Assert.That(stored.SecondsToConvert, Is.EqualTo(5400));
        Assert.That(stored.LinkId, Is.EqualTo("supergame"));
        Assert.That(stored.Campaign, Is.EqualTo("winter"));
        Assert.That(stored.ClickNetwork, Is.EqualTo("AffiliateWeb"));
        Assert.That(stored.Source, Is.EqualTo("https://site.example/reviews"));
        Assert.That(stored.Sub1, Is.EqualTo("header"));
        Assert.That(stored.ReceivedAt, Is.EqualTo(ReceivedAt));
        clicks.Verify(t => t.GetEntityIfExistsAsync<ClickEntity>("85512345", Keys.ClickRow, null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Process_KnownClick_MakesOnePointReadAndOneInsertOnly()
    {
        ClickReadReturns(ClickEntity.Create("85512345", ClickedAt));

        await Processor().ProcessAsync(Message(), CancellationToken.None);

        clicks.Verify(t => t.GetEntityIfExistsAsync<ClickEntity>("85512345", Keys.ClickRow, null, It.IsAny<CancellationToken>()), Times.Once);
        conversions.Verify(t => t.AddEntityAsync(It.IsAny<ConversionEntity>(), It.IsAny<CancellationToken>()), Times.Once);
        clicks.VerifyNoOtherCalls();
        conversions.VerifyNoOtherCalls();
    }

    [TestCase(1, 90, false)]
    [TestCase(1, 24 * 60, false)]
    [TestCase(1, 24 * 60 + 1, true)]
    [TestCase(30, 31 * 24 * 60, true)]
    [TestCase(null, 400 * 24 * 60, false)]
    public async Task Process_ClickWithWindow_FlagsAConversionLaterThanTheWindow(int? windowDays, int minutesAfterClick, bool outside)
    {
        var click = ClickEntity.Create("85512345", ClickedAt);
        click.AttributionWindowDays = windowDays;
        ClickReadReturns(click);

        await Processor().ProcessAsync(Message() with { ReceivedAt = ClickedAt.AddMinutes(minutesAfterClick) }, CancellationToken.None);

        var stored = added.Single();
        Assert.That(stored.OutsideWindow, Is.EqualTo(outside));
        Assert.That(stored.Orphan, Is.False, "a conversion outside the window is still attributed and stored");
        Assert.That(stored.AttributionWindowDays, Is.EqualTo(windowDays));
        Assert.That(stored.SecondsToConvert, Is.EqualTo(minutesAfterClick * 60L));
    }

    [Test]
    public async Task Process_UnknownClick_StoresOrphan()
    {
        ClickReadReturns(null);

        var outcome = await Processor().ProcessAsync(Message(), CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(ConversionOutcome.CreatedOrphan));
        Assert.That(added.Single().Orphan, Is.True);
        Assert.That(added.Single().ClickedAt, Is.Null);
        Assert.That(added.Single().OutsideWindow, Is.False);
    }

    [Test]
    public async Task Process_SaleWithTxIdAndPayout_KeysByTxIdAndKeepsMoneyExact()
    {
        ClickReadReturns(null);

        await Processor().ProcessAsync(
            Message() with { Type = ConversionType.Sale, ClickId = "ab/cd#ef", TxId = "T-1001", Payout = 25.50m, Currency = "EUR" },
            CancellationToken.None);

        var stored = added.Single();
        Assert.That(stored.PartitionKey, Is.EqualTo("ab%2Fcd%23ef"));
        Assert.That(stored.RowKey, Is.EqualTo("sale:T-1001"));
        Assert.That(stored.ClickId, Is.EqualTo("ab/cd#ef"));
        Assert.That(stored.Payout, Is.EqualTo("25.50"));
        Assert.That(stored.Currency, Is.EqualTo("EUR"));
    }

    [Test]
    public async Task Process_ConversionAlreadyStored_ReturnsDuplicate()
    {
        ClickReadReturns(null);
        StoredConversionIs(postbackId: "p-0");

        var outcome = await Processor().ProcessAsync(Message(), CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(ConversionOutcome.Duplicate));
    }

    [Test]
    public async Task Process_ConversionStoredByAnotherPostback_LogsDuplicateOfItWithoutIndexRow()
    {
        ClickReadReturns(null);
        StoredConversionIs(postbackId: "p-0");

        await Processor().ProcessAsync(Message(), CancellationToken.None);

        var row = (PostbackLogEntity)log.Added.Single();
        Assert.That(row.Outcome, Is.EqualTo(PostbackOutcomes.Duplicate));
        Assert.That(row.PostbackId, Is.EqualTo("p-1"));
        Assert.That(row.DuplicateOf, Is.EqualTo("p-0"));
        Assert.That(row.ConversionKey, Is.EqualTo("ftd"));
        Assert.That(log.Transactions, Is.Empty, "a duplicate writes no day-index row");
        Assert.That(log.Upserted, Is.Empty);
    }

    [Test]
    public async Task Process_ConversionStoredByThisPostbackBefore_HealsLogAndIndexRows()
    {
        // An earlier delivery stored the conversion and failed before its log write: the redelivery conflicts
        // with its own conversion and must write the log and index rows that are missing.
        ClickReadReturns(ClickEntity.Create("85512345", ClickedAt));
        StoredConversionIs(postbackId: "p-1", campaign: "winter");

        var outcome = await Processor().ProcessAsync(Message(), CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(ConversionOutcome.Duplicate), "storage said 409: no new conversion now");
        var actions = log.Transactions.Single();
        var logRow = (PostbackLogEntity)actions[0].Entity;
        var indexRow = (ConversionDayEntity)actions[1].Entity;
        Assert.That(actions.Select(a => a.ActionType), Is.All.EqualTo(TableTransactionActionType.UpsertReplace));
        Assert.That(logRow.Outcome, Is.EqualTo(PostbackOutcomes.Created));
        Assert.That(indexRow.Campaign, Is.EqualTo("winter"), "built from the stored conversion");
        Assert.That(indexRow.PartitionKey, Is.EqualTo(logRow.PartitionKey));
        Assert.That(log.Added, Is.Empty);
    }

    [Test]
    public async Task Process_NewConversion_WritesLogAndIndexRowsInOneTransaction()
    {
        var click = ClickEntity.Create("85512345", ClickedAt);
        click.Campaign = "winter";
        ClickReadReturns(click);

        await Processor().ProcessAsync(Message() with { Payout = 25.50m, Currency = "EUR" }, CancellationToken.None);

        var actions = log.Transactions.Single();
        var logRow = (PostbackLogEntity)actions[0].Entity;
        var indexRow = (ConversionDayEntity)actions[1].Entity;
        Assert.That(logRow.Outcome, Is.EqualTo(PostbackOutcomes.Created));
        Assert.That(logRow.PartitionKey, Is.EqualTo(Keys.LogPartition(ReceivedAt, "p-1")));
        Assert.That(logRow.RowKey, Is.EqualTo(Keys.LogRow(ReceivedAt, "p-1")));
        Assert.That(logRow.ConversionKey, Is.EqualTo("ftd"));
        Assert.That(indexRow.PartitionKey, Is.EqualTo(logRow.PartitionKey), "one partition, so one transaction");
        Assert.That(indexRow.RowKey, Is.EqualTo(Keys.DayIndexRow("p-1")));
        Assert.That(indexRow.Day, Is.EqualTo("2026-11-25"));
        Assert.That(indexRow.Campaign, Is.EqualTo("winter"));
        Assert.That(indexRow.Payout, Is.EqualTo("25.50"));
        Assert.That(indexRow.Currency, Is.EqualTo("EUR"));
        Assert.That(indexRow.Network, Is.EqualTo("AffiliateWeb"));
    }

    [Test]
    public async Task Process_Orphan_LogsOrphanWithoutIndexRow()
    {
        ClickReadReturns(null);

        await Processor().ProcessAsync(Message(), CancellationToken.None);

        Assert.That(((PostbackLogEntity)log.Upserted.Single()).Outcome, Is.EqualTo(PostbackOutcomes.Orphan));
        Assert.That(log.Transactions, Is.Empty, "orphans are never counted");
    }

    [Test]
    public async Task Process_LogWriteFails_ThrowsSoTheMessageIsRetried()
    {
        ClickReadReturns(ClickEntity.Create("85512345", ClickedAt));
        log.Table
            .Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(503, "Server busy", "ServerBusy", null));

        await Assert.ThrowsAsync<RequestFailedException>(() => Processor().ProcessAsync(Message(), CancellationToken.None));
        Assert.That(added, Has.Count.EqualTo(1), "the conversion is stored; the retry heals the log");
    }

    [Test]
    public async Task Process_TableWriteFails_Throws()
    {
        ClickReadReturns(null);
        conversions
            .Setup(t => t.AddEntityAsync(It.IsAny<ConversionEntity>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(503, "Server busy", "ServerBusy", null));

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => Processor().ProcessAsync(Message(), CancellationToken.None));

        Assert.That(ex!.Status, Is.EqualTo(503));
    }

    [Test]
    public async Task Process_ClickReadFails_ThrowsWithoutWriting()
    {
        clicks
            .Setup(t => t.GetEntityIfExistsAsync<ClickEntity>(It.IsAny<string>(), It.IsAny<string>(), null, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException("Connection refused"));

        await Assert.ThrowsAsync<RequestFailedException>(() => Processor().ProcessAsync(Message(), CancellationToken.None));
        Assert.That(added, Is.Empty);
    }

    [Test]
    public async Task ProcessPostback_MalformedMessage_ThrowsSoTheHostRetriesThenPoisons()
    {
        var function = new ProcessPostback(Processor(), NullLogger<ProcessPostback>.Instance);

        await Assert.ThrowsAsync<InvalidPostbackMessageException>(() => function.RunAsync("{\"v\":9}", CancellationToken.None));
        Assert.That(added, Is.Empty);
    }

    private ConversionProcessor Processor()
    {
        var tables = new TraxTables(conversions.Object, clicks.Object, log.Table.Object);
        return new(tables, new PostbackLogWriter(tables, TimeProvider.System, NullLogger<PostbackLogWriter>.Instance),
            TimeProvider.System, TestMetrics.Unobserved(), NullLogger<ConversionProcessor>.Instance);
    }

    private void ClickReadReturns(ClickEntity? click)
    {
        var response = new Mock<NullableResponse<ClickEntity>>();
        response.SetupGet(r => r.HasValue).Returns(click is not null);
        response.SetupGet(r => r.Value).Returns(click!);
        clicks
            .Setup(t => t.GetEntityIfExistsAsync<ClickEntity>(It.IsAny<string>(), It.IsAny<string>(), null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(response.Object);
    }

    private void StoredConversionIs(string postbackId, string? campaign = null)
    {
        conversions
            .Setup(t => t.AddEntityAsync(It.IsAny<ConversionEntity>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(409, "The specified entity already exists.", "EntityAlreadyExists", null));
        var stored = ConversionEntity.From(Message() with { Id = postbackId }, null, ReceivedAt.AddSeconds(1));
        if (campaign is not null)
        {
            var click = ClickEntity.Create("85512345", ClickedAt);
            click.Campaign = campaign;
            stored.Attribute(click);
        }

        var response = new Mock<NullableResponse<ConversionEntity>>();
        response.SetupGet(r => r.HasValue).Returns(true);
        response.SetupGet(r => r.Value).Returns(stored);
        conversions
            .Setup(t => t.GetEntityIfExistsAsync<ConversionEntity>("85512345", "ftd", null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(response.Object);
    }

    private static PostbackMessage Message() => new()
    {
        Version = 1,
        Id = "p-1",
        Type = ConversionType.Ftd,
        ClickId = "85512345",
        Network = "AffiliateWeb",
        Program = "SuperGame1",
        ReceivedAt = ReceivedAt,
    };
}
