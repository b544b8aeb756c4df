using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Trax.Benchmarks.Micro;

/// <summary>
/// A queue that accepts every message at once, so that a micro-benchmark measures Trax's own work up to the send
/// (the SDK's and the service's share is what the ingest ratio measures). It touches every byte it is given.
/// </summary>
public sealed class StubQueueClient : QueueClient
{
    private static readonly Task<Response<SendReceipt>> Sent = Task.FromResult(Response.FromValue(
        QueuesModelFactory.SendReceipt("id", DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, "pop", DateTimeOffset.UnixEpoch),
        (Response)new NoContentResponse()));

    public override string Name => "postbacks";

    /// <summary>A checksum of what was sent, so that nothing can be optimised away.</summary>
    public long Checksum { get; private set; }

    public override Task<Response<SendReceipt>> SendMessageAsync(
        BinaryData message, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        var bytes = message.ToMemory().Span;
        Checksum += bytes.Length + bytes[^1];
        return Sent;
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
