using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Trax.Clicks;
using Trax.Conversions;
using Trax.Monitoring;
using Trax.PostbackLog;
using Trax.Postbacks;
using Trax.Storage;
using Trax.Tests.Support;

namespace Trax.Tests.Monitoring;

/// <summary>The metrics that intake and processing record, read back with MetricCollector, tags included.</summary>
public sealed class TraxMetricsTests
{
    private static readonly FunctionsMetadata Metadata = FunctionsMetadata.Load();
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private TestMetrics test = null!;

    [SetUp]
    public void SetUp() => test = new TestMetrics();

    [TearDown]
    public void TearDown() => test.Dispose();

    [Test]
    public async Task Ingest_AcceptedPostback_CountsOneByTypeAndNetwork()
    {
        using var accepted = test.Collect<long>("trax.postbacks.accepted");
        using var rejected = test.Collect<long>("trax.postbacks.rejected");

        var answer = await SendAsync(new RecordingQueue(), "/wp-json/trax/v1/sale?clickid=85512345&network=AffiliateWeb&txid=T-1");

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
        using var accepted = test.Collect<long>("trax.postbacks.accepted");

        await SendAsync(new RecordingQueue(), "/wp-json/trax/v1/ftd?clickid=85512345");

        Assert.That(accepted.GetMeasurementSnapshot().Single().Tags["network"], Is.EqualTo("(none)"));
    }

    [Test]
    public async Task Ingest_RejectedPostback_CountsOneByReason()
    {
        using var accepted = test.Collect<long>("trax.postbacks.accepted");
        using var rejected = test.Collect<long>("trax.postbacks.rejected");

        var answer = await SendAsync(new RecordingQueue(), "/wp-json/trax/v1/reg?clickid={clickid}&network=AffiliateWeb");

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
        using var accepted = test.Collect<long>("trax.postbacks.accepted");
        using var rejected = test.Collect<long>("trax.postbacks.rejected");

        var answer = await SendAsync(new RecordingQueue(new RequestFailedException("Connection refused")), "/wp-json/trax/v1/ftd?clickid=85512345");

        Assert.That(answer.StatusCode, Is.EqualTo(503));
        Assert.That(accepted.GetMeasurementSnapshot(), Is.Empty);
        Assert.That(rejected.GetMeasurementSnapshot(), Is.Empty);
    }

    [Test]
    public async Task Process_KnownClick_CountsCreatedAndRecordsLatencyFromReceipt()
    {
        using var created = test.Collect<long>("trax.conversions.created");
        using var orphans = test.Collect<long>("trax.conversions.orphans");
        using var latency = test.Collect<double>("trax.conversions.latency");
        var tables = Tables(ClickEntity.Create("85512345", ReceivedAt.AddHours(-1)), duplicate: false);

        await Processor(tables, now: ReceivedAt.AddMilliseconds(1500)).ProcessAsync(Message(), CancellationToken.None);

        Assert.That(created.GetMeasurementSnapshot().Single().Tags["type"], Is.EqualTo("ftd"));
        Assert.That(orphans.GetMeasurementSnapshot(), Is.Empty);
        Assert.That(latency.GetMeasurementSnapshot().Single().Value, Is.EqualTo(1500));
    }

    [Test]
    public async Task Process_UnknownClick_CountsCreatedAndOrphan()
    {
        using var created = test.Collect<long>("trax.conversions.created");
        using var orphans = test.Collect<long>("trax.conversions.orphans");

        await Processor(Tables(click: null, duplicate: false), now: ReceivedAt).ProcessAsync(Message(), CancellationToken.None);

        Assert.That(created.GetMeasurementSnapshot(), Has.Count.EqualTo(1));
        Assert.That(orphans.GetMeasurementSnapshot().Single().Tags["type"], Is.EqualTo("ftd"));
    }

    [Test]
    public async Task Process_Duplicate_CountsOnlyTheDuplicate()
    {
        using var created = test.Collect<long>("trax.conversions.created");
        using var duplicates = test.Collect<long>("trax.conversions.duplicates");
        using var latency = test.Collect<double>("trax.conversions.latency");

        await Processor(Tables(click: null, duplicate: true), now: ReceivedAt).ProcessAsync(Message(), CancellationToken.None);

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

    private Task<Answer> SendAsync(RecordingQueue queue, string pathAndQuery) =>
        new PostbackFunctions(Ingest.Create(queue.Queue, metrics: test.Metrics)).SendAsync(Metadata, HttpRequests.Get(pathAndQuery));

    private ConversionProcessor Processor(TraxTables tables, DateTimeOffset now) =>
        new(tables, new PostbackLogWriter(tables, new FixedTime(now), NullLogger<PostbackLogWriter>.Instance),
            new FixedTime(now), test.Metrics, NullLogger<ConversionProcessor>.Instance);

    private static TraxTables Tables(ClickEntity? click, bool duplicate)
    {
        var conversions = new Mock<TableClient>();
        var add = conversions.Setup(t => t.AddEntityAsync(It.IsAny<ConversionEntity>(), It.IsAny<CancellationToken>()));
        if (duplicate)
        {
            add.ThrowsAsync(new RequestFailedException(409, "The specified entity already exists.", "EntityAlreadyExists", null));
            var stored = new Mock<NullableResponse<ConversionEntity>>();
            stored.SetupGet(r => r.HasValue).Returns(true);
            stored.SetupGet(r => r.Value).Returns(new ConversionEntity { PostbackId = "stored-by-another-postback" });
            conversions.Setup(t => t.GetEntityIfExistsAsync<ConversionEntity>(It.IsAny<string>(), It.IsAny<string>(), null, It.IsAny<CancellationToken>()))
                .ReturnsAsync(stored.Object);
        }
        else
        {
            add.ReturnsAsync(Mock.Of<Response>());
        }

        var read = new Mock<NullableResponse<ClickEntity>>();
        read.SetupGet(r => r.HasValue).Returns(click is not null);
        read.SetupGet(r => r.Value).Returns(click!);
        var clicks = new Mock<TableClient>();
        clicks.Setup(t => t.GetEntityIfExistsAsync<ClickEntity>(It.IsAny<string>(), It.IsAny<string>(), null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(read.Object);
        return new TraxTables(conversions.Object, clicks.Object, new RecordingLog().Table.Object);
    }

    private static PostbackMessage Message() => new()
    {
        Version = 1,
        Id = "p-1",
        Type = ConversionType.Ftd,
        ClickId = "85512345",
        Network = "AffiliateWeb",
        ReceivedAt = ReceivedAt,
    };

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
