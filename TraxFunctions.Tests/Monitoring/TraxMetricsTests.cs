using Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Trax.Clicks;
using Trax.Conversions;
using Trax.Core;
using Trax.Input;
using Trax.Telemetry;

namespace Trax.Tests.Monitoring;

/// <summary>The metrics that intake and processing record, read back with MetricCollector, tags included.</summary>
public sealed class TraxMetricsTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Ingest_AcceptedPostback_CountsOneByTypeAndNetwork()
    {
        using var app = UnitApp.Create();
        using var accepted = app.Collect<long>("trax.postbacks.accepted");
        using var rejected = app.Collect<long>("trax.postbacks.rejected");

        var answer = await app.GetAsync("/wp-json/trax/v1/sale?clickid=85512345&network=AffiliateWeb&txid=T-1");

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        var measurement = accepted.GetMeasurementSnapshot().Single();
        Assert.That(measurement.Value, Is.EqualTo(1));
        Assert.That(measurement.Tags["type"], Is.EqualTo("sale"));
        Assert.That(measurement.Tags["network"], Is.EqualTo("AffiliateWeb"));
        Assert.That(rejected.GetMeasurementSnapshot(), Is.Empty);
    }

    [Test]
    public async Task Ingest_NoNetwork_CountsUnderNone()
    {
        using var app = UnitApp.Create();
        using var accepted = app.Collect<long>("trax.postbacks.accepted");

        await app.GetAsync("/wp-json/trax/v1/ftd?clickid=85512345");

        Assert.That(accepted.GetMeasurementSnapshot().Single().Tags["network"], Is.EqualTo("(none)"));
    }

    [Test]
    public async Task Ingest_RejectedPostback_CountsOneByReason()
    {
        using var app = UnitApp.Create();
        using var accepted = app.Collect<long>("trax.postbacks.accepted");
        using var rejected = app.Collect<long>("trax.postbacks.rejected");

        var answer = await app.GetAsync("/wp-json/trax/v1/reg?clickid={clickid}&network=AffiliateWeb");

        Assert.That(answer.StatusCode, Is.EqualTo(400));
        var measurement = rejected.GetMeasurementSnapshot().Single();
        Assert.That(measurement.Tags["reason"], Is.EqualTo(Rejection.UnreplacedMacro.Reason));
        Assert.That(measurement.Tags["type"], Is.EqualTo("reg"));
        Assert.That(accepted.GetMeasurementSnapshot(), Is.Empty);
    }

    [Test]
    public async Task Ingest_QueueUnavailable_CountsNeitherAcceptedNorRejected()
    {
        // A 503 is storage's failure, not the network's: the 5xx alert reports it, the rejection rate must not.
        using var app = UnitApp.Create();
        using var accepted = app.Collect<long>("trax.postbacks.accepted");
        using var rejected = app.Collect<long>("trax.postbacks.rejected");
        app.Queue.Failure = new RequestFailedException("Connection refused");

        var answer = await app.GetAsync("/wp-json/trax/v1/ftd?clickid=85512345");

        Assert.That(answer.StatusCode, Is.EqualTo(503));
        Assert.That(accepted.GetMeasurementSnapshot(), Is.Empty);
        Assert.That(rejected.GetMeasurementSnapshot(), Is.Empty);
    }

    [Test]
    public async Task Process_KnownClick_CountsCreatedAndRecordsLatencyFromReceipt()
    {
        using var app = Processing(now: ReceivedAt.AddMilliseconds(1500));
        using var created = app.Collect<long>("trax.conversions.created");
        using var orphans = app.Collect<long>("trax.conversions.orphans");
        using var latency = app.Collect<double>("trax.conversions.latency");
        app.Clicks.PointReadReturns(ClickEntity.From(new Click { ClickId = "85512345", ClickedAt = ReceivedAt.AddHours(-1) }));

        await ProcessAsync(app);

        Assert.That(created.GetMeasurementSnapshot().Single().Tags["type"], Is.EqualTo("ftd"));
        Assert.That(orphans.GetMeasurementSnapshot(), Is.Empty);
        Assert.That(latency.GetMeasurementSnapshot().Single().Value, Is.EqualTo(1500));
    }

    [Test]
    public async Task Process_UnknownClick_CountsCreatedAndOrphan()
    {
        using var app = Processing(now: ReceivedAt);
        using var created = app.Collect<long>("trax.conversions.created");
        using var orphans = app.Collect<long>("trax.conversions.orphans");
        app.Clicks.PointReadReturns<ClickEntity>(null);

        await ProcessAsync(app);

        Assert.That(created.GetMeasurementSnapshot(), Has.Count.EqualTo(1));
        Assert.That(orphans.GetMeasurementSnapshot().Single().Tags["type"], Is.EqualTo("ftd"));
    }

    [Test]
    public async Task Process_Duplicate_CountsOnlyTheDuplicate()
    {
        using var app = Processing(now: ReceivedAt);
        using var created = app.Collect<long>("trax.conversions.created");
        using var duplicates = app.Collect<long>("trax.conversions.duplicates");
        using var latency = app.Collect<double>("trax.conversions.latency");
        app.Clicks.PointReadReturns<ClickEntity>(null);
        app.Conversions.TransactionsConflict();
        app.Conversions.QueryReturns(ConversionEntity.From(StoredConversions.Of(Message() with { Id = "stored-by-another-postback" }, null, ReceivedAt)));

        await ProcessAsync(app);

        Assert.That(duplicates.GetMeasurementSnapshot().Single().Tags["type"], Is.EqualTo("ftd"));
        Assert.That(created.GetMeasurementSnapshot(), Is.Empty);
        Assert.That(latency.GetMeasurementSnapshot(), Is.Empty);
    }

    [TestCase(null, "(none)")]
    [TestCase("", "(none)")]
    [TestCase("AffiliateWeb", "AffiliateWeb")]
    public void NetworkDimension_Value_IsKeptOrNamedNone(string? network, string expected) =>
        Assert.That(TraxMetrics.NetworkDimension(network), Is.EqualTo(expected));

    [Test]
    public void NetworkDimension_LongerThanTheLimit_IsCut()
    {
        // Networks choose the value: a bounded length keeps one bad sender from flooding the dimension.
        var network = new string('n', TraxMetrics.MaxNetworkLength + 50);

        Assert.That(TraxMetrics.NetworkDimension(network), Has.Length.EqualTo(TraxMetrics.MaxNetworkLength));
    }

    private static UnitApp Processing(DateTimeOffset now) =>
        UnitApp.Create(configureServices: services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new FakeTimeProvider(now))));

    private static Task ProcessAsync(UnitApp app) =>
        app.Host.RunAsync(nameof(ProcessPostback), System.Text.Encoding.UTF8.GetString(PostbackMessageJson.Serialize(Message())));

    private static PostbackMessage Message() => new()
    {
        Version = 1,
        Id = "p-1",
        Type = ConversionType.Ftd,
        ClickId = "85512345",
        Network = "AffiliateWeb",
        ReceivedAt = ReceivedAt,
    };
}
