using Azure.Core.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Trax.Extensions;
using Trax.Storage;

namespace Trax.Benchmarks.Storage;

/// <summary>
/// Trax as the worker builds it: configuration → the real <c>AddTrax</c> registration, with a queue and tables of
/// its own and a <see cref="StorageRequestCounter"/> registered as a pipeline policy, which <c>AddTrax</c> adds to
/// every storage client. Whatever the app sends to storage, now or after later changes, is counted.
/// </summary>
internal sealed class TraxApp : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private TraxApp(ServiceProvider services, string runId, StorageRequestCounter counter)
    {
        this.services = services;
        RunId = runId;
        Counter = counter;
        Options = services.GetRequiredService<IOptions<TraxOptions>>().Value;
    }

    public string RunId { get; }

    internal StorageRequestCounter Counter { get; }

    public TraxOptions Options { get; }

    public IServiceProvider Services => services;

    public static async Task<TraxApp> StartAsync(string connectionString)
    {
        var runId = Guid.NewGuid().ToString("N")[..10];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageConnection.Name] = connectionString,
            ["Trax:QueueName"] = $"postbacks-{runId}",
            ["Trax:ConversionsTable"] = $"Conversions{runId}",
            ["Trax:ClicksTable"] = $"Clicks{runId}",
            ["Trax:PostbackLogTable"] = $"PostbackLog{runId}",
            ["Trax:LinksTable"] = $"Links{runId}",
        }).Build();
        var counter = new StorageRequestCounter();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<HttpPipelinePolicy>(counter)
            .AddTrax(configuration)
            .BuildServiceProvider();

        // What the host does at start-up: StorageInitializer creates the queues and tables.
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        counter.Reset();
        return new TraxApp(services, runId, counter);
    }

    /// <summary>A function class, activated from DI the way the worker activates it.</summary>
    public T Function<T>() => ActivatorUtilities.CreateInstance<T>(services);

    /// <summary>The counted requests with this run's resource names made generic (postbacks, Conversions, ...).</summary>
    internal IReadOnlyList<(StorageRequest Request, int Count)> Requests() =>
        Counter.Snapshot()
            .Select(kv => (kv.Key with { Resource = kv.Key.Resource.Replace(RunId, "").TrimEnd('-') }, kv.Value))
            .OrderBy(r => r.Item1.Service).ThenBy(r => r.Item1.Resource).ThenBy(r => r.Item1.Operation)
            .ToList();

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
