using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Moq;
using Trax.Postbacks;

namespace Trax.Tests.Support;

/// <summary>A mocked <see cref="QueueClient"/> (its members are virtual) that records what would be sent.</summary>
public sealed class RecordingQueue
{
    public RecordingQueue(Exception? failure = null)
    {
        Mock.SetupGet(q => q.Name).Returns("postbacks");
        var send = Mock.Setup(q => q.SendMessageAsync(
            It.IsAny<BinaryData>(), It.IsAny<TimeSpan?>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()));
        if (failure is not null)
        {
            send.ThrowsAsync(failure);
        }
        else
        {
            send.Callback((BinaryData body, TimeSpan? _, TimeSpan? ttl, CancellationToken _) =>
                {
                    Sent.Add(PostbackMessageJson.Deserialize(body.ToArray()));
                    TimesToLive.Add(ttl);
                })
                .ReturnsAsync(Response.FromValue(
                    QueuesModelFactory.SendReceipt("id", DateTimeOffset.UtcNow, DateTimeOffset.MaxValue, "pop", DateTimeOffset.UtcNow),
                    Moq.Mock.Of<Response>()));
        }
    }

    public Mock<QueueClient> Mock { get; } = new();

    public List<PostbackMessage> Sent { get; } = [];

    public List<TimeSpan?> TimesToLive { get; } = [];

    public PostbackQueue Queue => new(Mock.Object);
}
