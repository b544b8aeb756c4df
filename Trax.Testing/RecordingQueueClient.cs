using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Trax.Core;

namespace Trax.Testing;

/// <summary>
/// A queue that takes every message at once and keeps it (or fails every send with <see cref="Failure"/>): for unit
/// tests of intake, and for micro-benchmarks that measure Trax's own work up to the send. No mocking library, so
/// it costs nothing per call.
/// </summary>
public sealed class RecordingQueueClient(string name = "postbacks", bool keep = true) : QueueClient
{
    private static readonly Task<Response<SendReceipt>> Receipt = Task.FromResult(Response.FromValue(
        QueuesModelFactory.SendReceipt("id", DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, "pop", DateTimeOffset.UnixEpoch),
        (Response)new NoContentResponse()));

    private readonly List<(BinaryData Body, TimeSpan? TimeToLive)> sent = [];

    public override string Name => name;

    /// <summary>When set, every send throws it (storage unreachable, a timeout...).</summary>
    public Exception? Failure { get; set; }

    /// <summary>What was sent, read back as the processor would read it.</summary>
    public IReadOnlyList<PostbackMessage> Messages
    {
        get
        {
            lock (sent)
            {
                return [.. sent.Select(s => PostbackMessageJson.Deserialize(s.Body.ToArray()))];
            }
        }
    }

    public IReadOnlyList<TimeSpan?> TimesToLive
    {
        get
        {
            lock (sent)
            {
                return [.. sent.Select(s => s.TimeToLive)];
            }
        }
    }

    /// <summary>A checksum of every byte sent, so that a benchmark's sends cannot be optimised away.</summary>
    public long Checksum { get; private set; }

    public override Task<Response<SendReceipt>> SendMessageAsync(
        BinaryData message, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        if (Failure is { } failure)
        {
            return Task.FromException<Response<SendReceipt>>(failure);
        }

        var bytes = message.ToMemory().Span;
        Checksum += bytes.Length + bytes[^1];
        if (keep)
        {
            lock (sent)
            {
                sent.Add((BinaryData.FromBytes(bytes.ToArray()), timeToLive));
            }
        }

        return Receipt;
    }

    /// <summary>Health's probe: the queue is there, holding what was kept (or fails like a send).</summary>
    public override Task<Response<QueueProperties>> GetPropertiesAsync(CancellationToken cancellationToken = default)
    {
        if (Failure is { } failure)
        {
            return Task.FromException<Response<QueueProperties>>(failure);
        }

        int count;
        lock (sent)
        {
            count = sent.Count;
        }

        return Task.FromResult(Response.FromValue(QueuesModelFactory.QueueProperties(new Dictionary<string, string>(), count), (Response)new NoContentResponse()));
    }

    private sealed class NoContentResponse : Response
    {
        public override int Status => 201;

        public override string ReasonPhrase => "Created";

        public override Stream? ContentStream { get; set; }

        public override string ClientRequestId { get; set; } = "";

        public override void Dispose()
        {
        }

        protected override bool ContainsHeader(string name) => false;

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => [];

        protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
        {
            value = null;
            return false;
        }

        protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
        {
            values = null;
            return false;
        }
    }
}
