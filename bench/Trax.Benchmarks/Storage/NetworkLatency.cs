using Azure.Core;
using Azure.Core.Pipeline;

namespace Trax.Benchmarks.Storage;

/// <summary>
/// A network's round-trip time added to every storage request (before it is sent), on the Trax side and the raw side
/// alike. Azurite on loopback has none and serves its requests one after another, so two writes sent together cost
/// there what two in series cost; in Azure a request's time is mostly the network's, and two requests to different
/// partition servers wait for it side by side. With this delay, the ratio shows round trips rather than Azurite's CPU.
/// </summary>
internal sealed class NetworkLatency(TimeSpan delay) : HttpPipelinePolicy
{
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await Task.Delay(delay, message.CancellationToken);
        await ProcessNextAsync(message, pipeline);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Thread.Sleep(delay);
        ProcessNext(message, pipeline);
    }
}
