using Azure.Storage.Queues;
using Trax.Storage;

namespace Trax.Forwards;

/// <summary>
/// The outbox between the processor and the deliverer: <c>forwards</c>, and <c>forwards-poison</c> for jobs that ran
/// out of retries or cannot be read. Base64 like the postback queue, which is what the trigger decodes.
/// </summary>
public sealed class ForwardQueue(QueueClient client, QueueClient poison) : IStorageResource
{
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    public QueueClient Client { get; } = client;

    public QueueClient Poison { get; } = poison;

    public string Name => Client.Name;

    /// <summary>Queues a job, visible after <paramref name="delay"/> (a retry's backoff, without holding an instance).</summary>
    public async Task SendAsync(ForwardJob job, TimeSpan? delay, CancellationToken cancellationToken) =>
        await Client.SendMessageAsync(new BinaryData(ForwardJobJson.Serialize(job)), delay is { } d && d > TimeSpan.Zero ? d : null, NeverExpires, cancellationToken);

    /// <summary>Moves a job that ran out of retries to the poison queue, with the last error.</summary>
    public async Task DeadLetterAsync(ForwardJob job, string lastError, CancellationToken cancellationToken) =>
        await Poison.SendMessageAsync(new BinaryData(ForwardJobJson.Serialize(job with { LastError = lastError })), null, NeverExpires, cancellationToken);

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken)
    {
        await Client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    public async Task ProbeAsync(CancellationToken cancellationToken) => await Client.GetPropertiesAsync(cancellationToken);
}
