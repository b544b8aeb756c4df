using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;
using Trax.Postbacks;

namespace Trax.Testing;

/// <summary>
/// Trax as the worker builds it (the same <c>AddTrax</c> registration) on real storage, with a queue and tables of
/// its own so that tests never see each other's data, and every function invoked through <see cref="FunctionHost"/>.
/// Every storage client carries Azure's table limits (Azurite is laxer), a fault injector and a request counter. It
/// also plays the host's queue trigger: it reads the raw messages, decodes them as host.json tells the trigger to
/// (Base64) and runs ProcessPostback.
/// </summary>
public sealed partial class TraxApp : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly string connectionString;
    private readonly Dictionary<string, MetricCollector<long>> counters;
    private bool ownsResources;

    /// <summary>The counters <see cref="Counted"/> can answer for, listened to from the app's start.</summary>
    public static readonly string[] CounterNames =
    [
        "trax.postbacks.accepted", "trax.postbacks.rejected", "trax.conversions.created", "trax.conversions.duplicates",
        "trax.conversions.orphans", "trax.clicks.recorded", "trax.clicks.lost", "trax.clicks.bots",
    ];

    private TraxApp(ServiceProvider services, string connectionString, bool ownsResources, string runId)
    {
        this.services = services;
        this.connectionString = connectionString;
        this.ownsResources = ownsResources;
        RunId = runId;
        Options = services.GetRequiredService<IOptions<TraxOptions>>().Value;
        Host = new FunctionHost(services, FunctionsMetadata.Shared);
        Limits = Policy<AzureTableLimits>() ?? new AzureTableLimits();
        Faults = Policy<StorageFaults>() ?? new StorageFaults();
        Requests = Policy<StorageRequestCounter>()!;
        RawQueue = new QueueClient(connectionString, Options.QueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        RawPoisonQueue = new QueueClient(connectionString, PostbackQueue.PoisonQueueName(Options.QueueName), new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var meters = services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        counters = CounterNames.ToDictionary(name => name, name => new MetricCollector<long>(meters, Telemetry.TraxMetrics.MeterName, name));
        var tables = new TableServiceClient(connectionString);
        Conversions = tables.GetTableClient(Options.ConversionsTable);
        Clicks = tables.GetTableClient(Options.ClicksTable);
        PostbackLog = tables.GetTableClient(Options.PostbackLogTable);
        Links = tables.GetTableClient(Options.LinksTable);
        Forwards = tables.GetTableClient(Options.ForwardsTable);
        ForwardJobs = tables.GetTableClient(Options.ForwardJobsTable);
        ForwardDeliveries = tables.GetTableClient(Options.ForwardDeliveriesTable);
        Rates = tables.GetTableClient(Options.RatesTable);
        Reconciliations = tables.GetTableClient(Options.ReconciliationsTable);
        Traffic = tables.GetTableClient(Options.TrafficTable);
        RawForwardQueue = new QueueClient(connectionString, Options.ForwardQueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        RawForwardPoisonQueue = new QueueClient(connectionString, PostbackQueue.PoisonQueueName(Options.ForwardQueueName), new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
    }

    public TableClient Forwards { get; }

    public TableClient ForwardJobs { get; }

    public TableClient ForwardDeliveries { get; }

    public TableClient Rates { get; }

    public TableClient Reconciliations { get; }
    /// <summary>Clicks by day, their rollups and uploaded costs.</summary>
    public TableClient Traffic { get; }

    /// <summary>The forward outbox, without encoding, and its poison queue.</summary>
    public QueueClient RawForwardQueue { get; }

    public QueueClient RawForwardPoisonQueue { get; }

    /// <summary>The app's resource names with this run's suffix removed (postbacks, Conversions...).</summary>
    public IReadOnlyList<(StorageRequest Request, int Count)> RequestsByKind() =>
        [.. Requests.Snapshot()
            .Select(kv => (kv.Key with { Resource = kv.Key.Resource.Replace(RunId, "").TrimEnd('-') }, kv.Value))
            .OrderBy(r => r.Item1.Service).ThenBy(r => r.Item1.Resource).ThenBy(r => r.Item1.Operation)];

    /// <summary>The suffix of this app's queue and table names.</summary>
    public string RunId { get; }

    public TraxOptions Options { get; }

    public IServiceProvider Services => services;

    public FunctionHost Host { get; }

    /// <summary>Azure's table limits, enforced on every request this app sends.</summary>
    public AzureTableLimits Limits { get; }

    /// <summary>Faults to inject into this app's storage requests (none until a test adds a rule).</summary>
    public StorageFaults Faults { get; }

    /// <summary>Every storage request this app sent, by kind (retries included).</summary>
    public StorageRequestCounter Requests { get; }

    /// <summary>The postback queue without any message encoding: exactly what is stored.</summary>
    public QueueClient RawQueue { get; }

    /// <summary>The poison queue, without encoding (the host writes there what it read from the main queue).</summary>
    public QueueClient RawPoisonQueue { get; }

    /// <summary>This app's tables, for a test's own reads and seeding (the app itself reaches them only through its stores).</summary>
    public TableClient Conversions { get; }

    public TableClient Clicks { get; }

    public TableClient PostbackLog { get; }

    public TableClient Links { get; }

    /// <summary>The sum of one Trax counter's measurements in this app so far.</summary>
    public long Counted(string counter) => counters[counter].GetMeasurementSnapshot().Sum(m => m.Value);

    /// <summary>One counter's measurements (values and tags) in this app so far.</summary>
    public IReadOnlyList<CollectedMeasurement<long>> Measurements(string counter) => counters[counter].GetMeasurementSnapshot();

    /// <summary>A service as the app resolves it (handlers, stores, options).</summary>
    public T Get<T>() where T : notnull => services.GetRequiredService<T>();

    public Task<Answer> SendAsync(HttpRequest request) => Host.SendAsync(request);

    public Task<Answer> GetAsync(string pathAndQuery) => SendAsync(HttpRequests.Get(pathAndQuery));

    public Task<Answer> PostJsonAsync(string path, string json) => SendAsync(HttpRequests.Json("POST", path, json));

    /// <summary>A visit to <c>/go</c> that must be redirected, and the click id its destination carries in <c>sub1</c>.</summary>
    public async Task<string> VisitAsync(string pathAndQuery)
    {
        var answer = await SendAsync(HttpRequests.Visit(pathAndQuery));
        return answer.StatusCode == 302 && answer.QueryValue("sub1") is { } id
            ? id
            : throw new InvalidOperationException($"Expected a redirect carrying sub1, got {answer.StatusCode}: {answer.Text}");
    }

    /// <summary>Storage went away with its data (a killed private Azurite): nothing to delete at the end.</summary>
    public void AbandonResources() => ownsResources = false;

    public async ValueTask DisposeAsync()
    {
        if (ownsResources)
        {
            Faults.Clear();
            var deletes = new List<Task>
            {
                RawQueue.DeleteIfExistsAsync(), RawPoisonQueue.DeleteIfExistsAsync(), RawForwardQueue.DeleteIfExistsAsync(), RawForwardPoisonQueue.DeleteIfExistsAsync(),
            };
            deletes.AddRange(new[] { Conversions, Clicks, PostbackLog, Links, Forwards, ForwardJobs, ForwardDeliveries, Rates, Reconciliations, Traffic }.Select(t => t.DeleteAsync()));
            try
            {
                await Task.WhenAll(deletes);
            }
            catch (Exception)
            {
                // best effort; names are unique per test
            }
        }

        foreach (var collector in counters.Values)
        {
            collector.Dispose();
        }

        await services.DisposeAsync();
    }

    private T? Policy<T>() where T : HttpPipelinePolicy => services.GetServices<HttpPipelinePolicy>().OfType<T>().FirstOrDefault();
}
