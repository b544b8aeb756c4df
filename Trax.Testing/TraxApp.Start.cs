using Azure.Core.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Trax.Extensions;

namespace Trax.Testing;

/// <summary>Starting an app: its settings (names with the run's suffix), the storage policies, its services and resources.</summary>
public sealed partial class TraxApp
{
    /// <summary>
    /// Trax on the storage the integration tests share (<see cref="AzuriteServer.SharedAsync"/>, one per test run),
    /// with a queue and tables of its own; the parameters are those of the overload below.
    /// </summary>
    public static async Task<TraxApp> StartAsync(
        TimeProvider? time = null,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null,
        bool createResources = true) =>
        await StartAsync((await AzuriteServer.SharedAsync()).ConnectionString, time, settings, configureServices, createResources);

    /// <param name="connectionString">The storage account.</param>
    /// <param name="time">A clock to use instead of the system's (a FakeTimeProvider).</param>
    /// <param name="settings">More settings, such as <c>Trax:IpHashKey</c>.</param>
    /// <param name="configureServices">Replacements after <c>AddTrax</c> (a seam for a test double).</param>
    /// <param name="createResources">Create the queues and tables first (false for unreachable storage).</param>
    /// <param name="measuring">
    /// For benchmarks: only the request counter on the clients, so that Trax's side pays for nothing a test adds
    /// (Azure's limits are checked by reading every request body).
    /// </param>
    /// <param name="sharedRunId">The run of another app whose queues and tables this one uses (<see cref="StartPeerAsync"/>).</param>
    public static async Task<TraxApp> StartAsync(
        string connectionString,
        TimeProvider? time = null,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null,
        bool createResources = true,
        bool measuring = false,
        string? sharedRunId = null)
    {
        var runId = sharedRunId ?? Guid.NewGuid().ToString("N")[..12];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["Trax:QueueName"] = $"postbacks-{runId}",
            ["Trax:ConversionsTable"] = $"Conversions{runId}",
            ["Trax:ClicksTable"] = $"Clicks{runId}",
            ["Trax:PostbackLogTable"] = $"PostbackLog{runId}",
            ["Trax:LinksTable"] = $"Links{runId}",
            ["Trax:ForwardQueueName"] = $"forwards-{runId}",
            ["Trax:ForwardsTable"] = $"Forwards{runId}",
            ["Trax:ForwardJobsTable"] = $"ForwardJobs{runId}",
            ["Trax:ForwardDeliveriesTable"] = $"ForwardDeliveries{runId}",
            ["Trax:RatesTable"] = $"Rates{runId}",
            ["Trax:ReconciliationsTable"] = $"Reconciliations{runId}",
            ["Trax:TrafficTable"] = $"Traffic{runId}",

            // Receivers in tests listen on loopback; forwards are read at once (a benchmark reads them as production
            // does, once per cache period) and retried without waiting.
            ["Trax:Forwarding:AllowPrivateDestinations"] = "true",
            ["Trax:Forwarding:CacheSeconds"] = measuring ? new Trax.Forwards.ForwardingOptions().CacheSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) : "0",
            ["Trax:Forwarding:RetryBaseSeconds"] = "0",
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();

        // Policies first: AddTrax puts every registered pipeline policy on every storage client, in this order.
        var collection = new ServiceCollection().AddLogging();
        if (!measuring)
        {
            collection.AddSingleton<HttpPipelinePolicy>(new AzureTableLimits()).AddSingleton<HttpPipelinePolicy>(new StorageFaults());
        }

        collection.AddSingleton<HttpPipelinePolicy>(new StorageRequestCounter()).AddTrax(configuration);
        if (time is not null)
        {
            collection.Replace(ServiceDescriptor.Singleton(time));
        }

        configureServices?.Invoke(collection);
        var services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        if (createResources)
        {
            foreach (var hosted in services.GetServices<IHostedService>())
            {
                await hosted.StartAsync(CancellationToken.None);
            }
        }

        var app = new TraxApp(services, connectionString, createResources, runId);
        app.Requests.Reset();
        return app;
    }

    /// <summary>
    /// Another instance of this app: its own services (so its own caches, such as the forward list) on the same
    /// storage, queues and tables, which this app still owns and deletes.
    /// </summary>
    public Task<TraxApp> StartPeerAsync(TimeProvider? time = null, IDictionary<string, string?>? settings = null) =>
        StartAsync(connectionString, time, settings, createResources: false, sharedRunId: RunId);
}
