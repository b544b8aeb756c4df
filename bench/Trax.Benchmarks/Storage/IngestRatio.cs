using Azure.Core;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Trax.Benchmarks.Micro;
using Trax.Core;
using Trax.Postbacks;
using Trax.Testing;

namespace Trax.Benchmarks.Storage;

/// <summary>
/// Intake: the ftd function (invoked through the function host and its middleware, from the real DI, real
/// <see cref="HttpRequest"/>s, answer written) against
/// raw <see cref="QueueClient.SendMessageAsync(BinaryData, TimeSpan?, TimeSpan?, CancellationToken)"/> of the same
/// message bytes, Base64 like Trax, at the same concurrency, on the same queue of the same Azurite. A control run
/// sends the raw bytes on both sides (through the app's own queue client on one) to show the noise alone.
/// </summary>
internal static class IngestRatio
{
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    public static async Task<RatioResult> RunAsync(string connectionString, int rounds, int perRound, int concurrency, bool control = false)
    {
        await using var app = await TraxApp.StartAsync(connectionString, measuring: true);
        var sample = PostbackSample.Get(PostbackSample.Seed);

        var rawCounter = new StorageRequestCounter();
        var rawOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        rawOptions.AddPolicy(rawCounter, HttpPipelinePosition.PerRetry);
        var raw = new QueueClient(connectionString, app.Options.QueueName, rawOptions);

        // Inputs are built before the clock starts: a request per postback (the host's work) and, for the raw side,
        // the message Trax would send for it.
        var requests = new HttpRequest[rounds + 1][];
        var payloads = new BinaryData[rounds + 1][];
        for (var round = 0; round <= rounds; round++)
        {
            var size = round == rounds ? Math.Min(perRound, 200) : perRound; // the last set warms both sides up
            requests[round] = new HttpRequest[size];
            payloads[round] = new BinaryData[size];
            for (var i = 0; i < size; i++)
            {
                var query = sample.QueryFor($"i{round}-{i}-{app.RunId}");
                requests[round][i] = sample.NewRequest(query);
                var postback = PostbackValidator.Validate(sample.Type, PostbackParameters.FromQueryString(query)).Postback!;
                var message = PostbackMessage.Create(postback, sample.Source with { Query = query },
                    Guid.CreateVersion7().ToString("N"), DateTimeOffset.UtcNow);
                payloads[round][i] = BinaryData.FromBytes(PostbackMessageJson.Serialize(message));
            }
        }

        var failures = 0;
        var appQueue = app.Services.GetRequiredService<PostbackQueue>().Client;
        async ValueTask PostbackAsync(HttpRequest request, CancellationToken ct)
        {
            var answer = await app.Host.SendAsync(request, ct);
            if (answer.StatusCode != StatusCodes.Status200OK)
            {
                Interlocked.Increment(ref failures);
            }
        }

        async Task TraxAsync(int round) => await (control
            ? Interleaved.ForEachAsync(payloads[round], concurrency, (payload, ct) => SendAsync(appQueue, payload, ct))
            : Interleaved.ForEachAsync(requests[round], concurrency, PostbackAsync));
        async Task RawAsync(int round) => await Interleaved.ForEachAsync(payloads[round], concurrency, (payload, ct) => SendAsync(raw, payload, ct));

        await TraxAsync(rounds);
        await RawAsync(rounds);
        app.Requests.Reset();
        rawCounter.Reset();

        var result = await Interleaved.RunAsync(control ? "ingest control" : "ingest", rounds, perRound, concurrency, TraxAsync, RawAsync);
        if (failures > 0)
        {
            throw new InvalidOperationException($"{failures} postbacks were not answered 200: the ratio would be meaningless.");
        }

        return result with
        {
            Control = control,
            TraxRequestsPerItem = (double)app.Requests.Total / result.Items,
            RawRequestsPerItem = (double)rawCounter.Total / result.Items,
        };
    }

    private static async ValueTask SendAsync(QueueClient queue, BinaryData payload, CancellationToken cancellationToken) =>
        await queue.SendMessageAsync(payload, visibilityTimeout: null, timeToLive: NeverExpires, cancellationToken);
}
