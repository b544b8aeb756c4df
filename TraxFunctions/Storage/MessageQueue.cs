using Azure.Storage.Queues;

namespace Trax.Storage;

/// <summary>
/// The base of every queue Trax sends to: the queue and its poison queue, which only the queue's class sends to.
/// Both are created at start-up; a probe reads the queue's properties. A message never expires: a backlog during an
/// outage must wait for its consumer, not vanish.
/// </summary>
public abstract class MessageQueue(QueueClient client, QueueClient poison) : IStorageResource
{
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    public QueueClient Client { get; } = client;

    /// <summary>The queue where the host moves messages that failed <c>maxDequeueCount</c> times.</summary>
    public QueueClient Poison { get; } = poison;

    public string Name => Client.Name;

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken)
    {
        await Client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    public async Task ProbeAsync(CancellationToken cancellationToken) => await Client.GetPropertiesAsync(cancellationToken);

    /// <summary>Sends a message to <paramref name="queue"/> (<see cref="Client"/> or <see cref="Poison"/>), visible after <paramref name="delay"/> (null: at once).</summary>
    protected static async Task SendAsync(QueueClient queue, byte[] message, TimeSpan? delay, CancellationToken cancellationToken) =>
        await queue.SendMessageAsync(new BinaryData(message), delay, NeverExpires, cancellationToken);
}
