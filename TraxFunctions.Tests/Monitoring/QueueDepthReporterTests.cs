using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Trax.Monitoring;
using Trax.Postbacks;

namespace Trax.Tests.Monitoring;

/// <summary>
/// The timer's work: read the queues' approximate counts (postbacks, forwards, and their poison queues) and the age
/// of the postback queue's front message, and record them as trax.queue.depth and trax.queue.oldest_age (the
/// "processor stopped" alert reads the age).
/// </summary>
public sealed class QueueDepthReporterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private Meters meters = null!;
    private Mock<QueueClient> main = null!;
    private Mock<QueueClient> poison = null!;
    private Mock<QueueClient> forwards = null!;
    private Mock<QueueClient> forwardsPoison = null!;

    [SetUp]
    public void SetUp()
    {
        meters = new Meters();
        main = Queue("postbacks");
        poison = Queue("postbacks-poison");
        forwards = Queue("forwards");
        forwardsPoison = Queue("forwards-poison");
        HasMessages(forwards, 0);
        HasMessages(forwardsPoison, 0);
    }

    [TearDown]
    public void TearDown() => meters.Dispose();

    [Test]
    public async Task Report_BothQueues_RecordsEachDepthWithItsKind()
    {
        HasMessages(main, 7, front: Now.AddMinutes(-3));
        HasMessages(poison, 2);
        HasMessages(forwards, 4);
        HasMessages(forwardsPoison, 1);
        using var depth = meters.Collect<long>("trax.queue.depth");

        var reported = await Reporter().ReportAsync(CancellationToken.None);

        Assert.That(reported, Is.EqualTo(new QueueDepths(7, 2, TimeSpan.FromMinutes(3), 4, 1)));
        Assert.That(depth.GetMeasurementSnapshot().Select(m => (m.Tags["queue"], m.Tags["kind"], m.Value)), Is.EquivalentTo(new[]
        {
            ((object?)"postbacks", (object?)"main", 7L),
            ("postbacks-poison", "poison", 2L),
            ("forwards", "forwards", 4L),
            ("forwards-poison", "forwards-poison", 1L),
        }));
    }

    [Test]
    public async Task Report_MessagesWaiting_RecordsTheFrontMessagesAgeInSeconds()
    {
        HasMessages(main, 40, front: Now.AddMinutes(-12));
        HasMessages(poison, 0);
        using var age = meters.Collect<double>("trax.queue.oldest_age");

        await Reporter().ReportAsync(CancellationToken.None);

        var measurement = age.GetMeasurementSnapshot().Single();
        Assert.That(measurement.Value, Is.EqualTo(720));
        Assert.That(measurement.Tags["kind"], Is.EqualTo("main"));
    }

    [Test]
    public async Task Report_EmptyQueue_RecordsZeroAgeWithoutPeeking()
    {
        HasMessages(main, 0);
        HasMessages(poison, 0);
        using var age = meters.Collect<double>("trax.queue.oldest_age");

        await Reporter().ReportAsync(CancellationToken.None);

        Assert.That(age.GetMeasurementSnapshot().Single().Value, Is.Zero);
        main.Verify(q => q.PeekMessagesAsync(It.IsAny<int?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Report_PoisonQueueNotCreatedYet_RecordsZero()
    {
        HasMessages(main, 0);
        IsMissing(poison);

        var reported = await Reporter().ReportAsync(CancellationToken.None);

        Assert.That(reported.Poison, Is.Zero);
    }

    [Test]
    public async Task Report_PostbackQueueMissing_ThrowsRatherThanRecordingAHealthyZero()
    {
        // Only a poison queue may be missing (the host creates it on first use); a missing postback queue is an outage.
        IsMissing(main);
        HasMessages(poison, 0);
        using var depth = meters.Collect<long>("trax.queue.depth");

        var thrown = await Assert.ThrowsAsync<RequestFailedException>(() => Reporter().ReportAsync(CancellationToken.None));

        Assert.That(thrown?.ErrorCode, Is.EqualTo(QueueErrorCode.QueueNotFound.ToString()));
        Assert.That(depth.GetMeasurementSnapshot(), Is.Empty, "no made-up zero for a queue that is not there");
    }

    [Test]
    public async Task Report_ForwardOutboxMissing_ThrowsRatherThanRecordingAHealthyZero()
    {
        HasMessages(main, 0);
        HasMessages(poison, 0);
        IsMissing(forwards);
        using var depth = meters.Collect<long>("trax.queue.depth");

        await Assert.ThrowsAsync<RequestFailedException>(() => Reporter().ReportAsync(CancellationToken.None));

        Assert.That(depth.GetMeasurementSnapshot().Select(m => (string?)m.Tags["kind"]), Does.Not.Contain("forwards"));
    }

    [Test]
    public async Task Report_StorageDown_ThrowsSoTheTimerRunShowsAsFailed()
    {
        main.Setup(q => q.GetPropertiesAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new RequestFailedException("Connection refused"));
        using var depth = meters.Collect<long>("trax.queue.depth");

        await Assert.ThrowsAsync<RequestFailedException>(() => Reporter().ReportAsync(CancellationToken.None));
        Assert.That(depth.GetMeasurementSnapshot(), Is.Empty, "no made-up zero");
    }

    private QueueDepthReporter Reporter() =>
        new(new PostbackQueue(main.Object, poison.Object), new Trax.Forwards.ForwardQueue(forwards.Object, forwardsPoison.Object), meters.Metrics, new FakeTimeProvider(Now), NullLogger<QueueDepthReporter>.Instance);

    private static Mock<QueueClient> Queue(string name)
    {
        var queue = new Mock<QueueClient>();
        queue.SetupGet(q => q.Name).Returns(name);
        return queue;
    }

    private static void IsMissing(Mock<QueueClient> queue) =>
        queue.Setup(q => q.GetPropertiesAsync(It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(404, "The specified queue does not exist.", QueueErrorCode.QueueNotFound.ToString(), null));

    private static void HasMessages(Mock<QueueClient> queue, int count, DateTimeOffset? front = null)
    {
        queue.Setup(q => q.GetPropertiesAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(QueuesModelFactory.QueueProperties(new Dictionary<string, string>(), count), Mock.Of<Response>()));
        PeekedMessage[] peeked = front is { } inserted
            ? [QueuesModelFactory.PeekedMessage("m-1", "text", 1, inserted, inserted.AddDays(7))]
            : [];
        queue.Setup(q => q.PeekMessagesAsync(It.IsAny<int?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(peeked, Mock.Of<Response>()));
    }
}
