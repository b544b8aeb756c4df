using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Trax.Clicks;
using Trax.Conversions;
using Trax.Core;
using Trax.Storage;

namespace Trax.Tests.Conversions;

/// <summary>
/// The processor as the app builds it (<see cref="UnitApp"/>: the same DI, mocked tables): what it reads, what it
/// writes and in which order, and what it does on failure.
/// </summary>
public sealed partial class ConversionProcessorTests
{
    private static readonly DateTimeOffset ClickedAt = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ReceivedAt = ClickedAt.AddMinutes(90);

    private UnitApp app = null!;
    private MockTable conversions = null!;
    private MockTable clicks = null!;
    private MockTable log = null!;

    [SetUp]
    public void SetUp()
    {
        app = UnitApp.Create(configureServices: services =>
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new FakeTimeProvider(ReceivedAt.AddSeconds(1)))));
        conversions = app.Conversions;
        clicks = app.Clicks;
        log = app.PostbackLog;
        created = app.Collect<long>("trax.conversions.created");
        duplicates = app.Collect<long>("trax.conversions.duplicates");
    }

    [TearDown]
    public void TearDown()
    {
        created.Dispose();
        duplicates.Dispose();
        app.Dispose();
    }

    [Test]
    public async Task Process_KnownClick_StoresAttributedConversion()
    {
        ClickIs(new Click
        {
            ClickId = "85512345", ClickedAt = ClickedAt,
            Attributes = new()
            {
                LinkId = "supergame", Campaign = "winter", Network = "AffiliateWeb",
                Source = "https://site.example/reviews", Sub1 = "header",
            },
        });

        var processed = await Processor().ProcessAsync(Message(), CancellationToken.None);

        Assert.That(processed.Outcome, Is.EqualTo(PostbackOutcomes.Created));
        var stored = StoredConversion();
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
    }

    [Test]
    public async Task Process_KnownClick_IsOneClickReadOneConversionTransactionAndOneLogTransaction()
    {
        ClickIs(new Click { ClickId = "85512345", ClickedAt = ClickedAt });

        await Processor().ProcessAsync(Message(), CancellationToken.None);

        clicks.Mock.Verify(t => t.GetEntityIfExistsAsync<ClickEntity>("85512345", Keys.ClickRow, null, It.IsAny<CancellationToken>()), Times.Once);
        conversions.Mock.Verify(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()), Times.Once);
        var actions = conversions.Transactions.Single();
        Assert.That(actions.Select(a => a.ActionType), Is.All.EqualTo(TableTransactionActionType.Add), "insert-if-absent: the key deduplicates");
        Assert.That(actions.Select(a => a.Entity.GetType()), Is.EqualTo(new[] { typeof(ConversionEntity), typeof(HistoryEntity) }),
            "the conversion and its creator's history row land together");
        log.Mock.Verify(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(Calls(clicks) + Calls(conversions) + Calls(log), Is.EqualTo(3));
    }

    [TestCase(1, 90, false)]
    [TestCase(1, 24 * 60, false)]
    [TestCase(1, 24 * 60 + 1, true)]
    [TestCase(30, 31 * 24 * 60, true)]
    [TestCase(null, 400 * 24 * 60, false)]
    public async Task Process_ClickWithWindow_FlagsAConversionLaterThanTheWindow(int? windowDays, int minutesAfterClick, bool outside)
    {
        ClickIs(new Click { ClickId = "85512345", ClickedAt = ClickedAt, AttributionWindowDays = windowDays });

        var processed = await Processor().ProcessAsync(Message() with { ReceivedAt = ClickedAt.AddMinutes(minutesAfterClick) }, CancellationToken.None);

        var stored = StoredConversion();
        Assert.That(stored.OutsideWindow, Is.EqualTo(outside));
        Assert.That(stored.Orphan, Is.False, "a conversion outside the window is still attributed and stored");
        Assert.That(stored.AttributionWindowDays, Is.EqualTo(windowDays));
        Assert.That(stored.SecondsToConvert, Is.EqualTo(minutesAfterClick * 60L));
        Assert.That(processed.Outcome, Is.EqualTo(outside ? PostbackOutcomes.OutsideWindow : PostbackOutcomes.Created));
    }

    [Test]
    public async Task Process_UnknownClick_StoresOrphanAndLooksForTheClickOnceMore()
    {
        ClickIs(null);

        var processed = await Processor().ProcessAsync(Message(), CancellationToken.None);

        Assert.That(processed.Outcome, Is.EqualTo(PostbackOutcomes.Orphan));
        Assert.That(StoredConversion().Orphan, Is.True);
        Assert.That(StoredConversion().ClickedAt, Is.Null);
        clicks.Mock.Verify(t => t.GetEntityIfExistsAsync<ClickEntity>("85512345", Keys.ClickRow, null, It.IsAny<CancellationToken>()), Times.Exactly(2),
            "a click registered between the first read and the insert would otherwise never meet this orphan");
    }

    [Test]
    public async Task Process_SaleWithTxIdAndPayout_KeysByTxIdAndKeepsMoneyExact()
    {
        ClickIs(null);

        await Processor().ProcessAsync(
            Message() with { Type = ConversionType.Sale, ClickId = "ab/cd#ef", TxId = "T-1001", Payout = 25.50m, Currency = "EUR" },
            CancellationToken.None);

        var stored = StoredConversion();
        Assert.That(stored.PartitionKey, Is.EqualTo("ab%2Fcd%23ef"));
        Assert.That(stored.RowKey, Is.EqualTo("sale:T-1001"));
        Assert.That(stored.ClickId, Is.EqualTo("ab/cd#ef"));
        Assert.That(stored.Payout, Is.EqualTo("25.50"));
        Assert.That(stored.Currency, Is.EqualTo("EUR"));
    }

    [Test]
    public async Task Process_EachOutcome_IsCountedOnce()
    {
        ClickIs(new Click { ClickId = "85512345", ClickedAt = ClickedAt });
        await Processor().ProcessAsync(Message(), CancellationToken.None);
        StoredConversionIs(postbackId: "p-0");
        await Processor().ProcessAsync(Message(), CancellationToken.None);

        Assert.That(Meters.Total(created), Is.EqualTo(1));
        Assert.That(Meters.Total(duplicates), Is.EqualTo(1));
    }

    private Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<long> created = null!;
    private Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<long> duplicates = null!;

    private ConversionProcessor Processor() => app.Get<ConversionProcessor>();

    private ConversionEntity StoredConversion() => conversions.AddedAnyWay.OfType<ConversionEntity>().Single();

    private static int Calls(MockTable table) => table.Mock.Invocations.Count(i => i.Method.Name != "get_Name");

    private void ClickIs(Click? click) => clicks.PointReadReturns(click is null ? null : ClickEntity.From(click));

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
