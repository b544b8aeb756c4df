using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Trax.Monitoring;
using Trax.Postbacks;
using Trax.Tests.Support;

namespace Trax.Tests.Monitoring;

/// <summary>The timer's work: read both queues' approximate counts and record them as trax.queue.depth.</summary>
public sealed class QueueDepthReporterTests
{
    private TestMetrics test = null!;
    private Mock<QueueClient> main = null!;
    private Mock<QueueClient> poison = null!;
    private Mock<QueueServiceClient> service = null!;

    [SetUp]
    public void SetUp()
    {
        test = new TestMetrics();
        main = Queue("postbacks");
        poison = Queue("postbacks-poison");
        service = new Mock<QueueServiceClient>();
        service.Setup(s => s.GetQueueClient("postbacks-poison")).Returns(poison.Object);
    }

    [TearDown]
    public void TearDown() => test.Dispose();

    [Test]
    public async Task Report_BothQueues_RecordsEachDepthWithItsKind()
    {
        HasMessages(main, 7);
        HasMessages(poison, 2);
        using var depth = test.Collect<long>("trax.queue.depth");

        var reported = await Reporter().ReportAsync(CancellationToken.None);

        Assert.That(reported, Is.EqualTo(new QueueDepths(7, 2)));
        var measurements = depth.GetMeasurementSnapshot();
        Assert.That(measurements.Select(m => (m.Tags["queue"], m.Tags["kind"], m.Value)), Is.EquivalentTo(new[]
        {
            ((object?)"postbacks", (object?)"main", 7L),
            ("postbacks-poison", "poison", 2L),
        }));
    }

    [Test]
    public async Task Report_PoisonQueueNotCreatedYet_RecordsZero()
    {
        HasMessages(main, 1);
        poison.Setup(q => q.GetPropertiesAsync(It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(404, "The specified queue does not exist.", QueueErrorCode.QueueNotFound.ToString(), null));

        var reported = await Reporter().ReportAsync(CancellationToken.None);

        Assert.That(reported.Poison, Is.Zero);
    }

    [Test]
    public async Task Report_StorageDown_ThrowsSoTheTimerRunShowsAsFailed()
    {
        main.Setup(q => q.GetPropertiesAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new RequestFailedException("Connection refused"));
        using var depth = test.Collect<long>("trax.queue.depth");

        await Assert.ThrowsAsync<RequestFailedException>(() => Reporter().ReportAsync(CancellationToken.None));
        Assert.That(depth.GetMeasurementSnapshot(), Is.Empty, "no made-up zero");
    }

    private QueueDepthReporter Reporter() =>
        new(new PostbackQueue(main.Object), service.Object, test.Metrics, NullLogger<QueueDepthReporter>.Instance);

    private static Mock<QueueClient> Queue(string name)
    {
        var queue = new Mock<QueueClient>();
        queue.SetupGet(q => q.Name).Returns(name);
        return queue;
    }

    private static void HasMessages(Mock<QueueClient> queue, int count) =>
        queue.Setup(q => q.GetPropertiesAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(QueuesModelFactory.QueueProperties(new Dictionary<string, string>(), count), Mock.Of<Response>()));
}
