using System.Globalization;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Trax.Clicks;
using Trax.Conversions;
using Trax.Extensions;
using Trax.PostbackLog;
using Trax.Postbacks;

namespace Trax.Testing;

/// <summary>
/// Trax as the worker builds it (the same <c>AddTrax</c> registration) on real storage, with a queue and tables of
/// its own so that tests never see each other's data, and every function invoked through <see cref="FunctionHost"/>.
/// Every storage client carries Azure's table limits (Azurite is laxer), a fault injector and a request counter. It
/// also plays the host's queue trigger: it reads the raw messages, decodes them as host.json tells the trigger to
/// (Base64) and runs ProcessPostback.
/// </summary>
public sealed class TraxApp : IAsyncDisposable
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

    public Task DeliverAsync(string job, CancellationToken cancellationToken = default) =>
        Host.RunAsync("DeliverForward", job, cancellationToken);

    /// <summary>Delivers a message as the trigger does: its text, and its id in the binding data.</summary>
    public Task DeliverAsync(QueueMessage message, CancellationToken cancellationToken = default) =>
        Host.RunAsync("DeliverForward", DecodeLikeTheTrigger(message), new Dictionary<string, object?> { ["Id"] = message.MessageId }, cancellationToken);

    /// <summary>Every forward job now visible in the outbox, decoded as the trigger decodes them (they stay invisible for five minutes).</summary>
    public async Task<IReadOnlyList<QueueMessage>> ReceiveForwardJobsAsync()
    {
        var all = new List<QueueMessage>();
        while (true)
        {
            QueueMessage[] batch = await RawForwardQueue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5));
            if (batch.Length == 0)
            {
                return all;
            }

            all.AddRange(batch);
        }
    }

    /// <summary>
    /// Plays the forward trigger until the outbox is empty: delivers every visible job (concurrently), deleting each
    /// after success like the host; retries the deliverer queued come round in the next pass. Returns the jobs run.
    /// </summary>
    public async Task<int> DeliverForwardsAsync(int concurrency = 16, int maxPasses = 50)
    {
        var total = 0;
        for (var pass = 0; pass < maxPasses; pass++)
        {
            var messages = await ReceiveForwardJobsAsync();
            if (messages.Count == 0)
            {
                return total;
            }

            await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (m, ct) =>
            {
                await DeliverAsync(m, ct);
                await RawForwardQueue.DeleteMessageAsync(m.MessageId, m.PopReceipt, ct);
            });
            total += messages.Count;
        }

        return total;
    }

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

    /// <summary>Runs ProcessPostback on one message's text, as the queue trigger would hand it over.</summary>
    public Task ProcessAsync(string message, CancellationToken cancellationToken = default) =>
        Host.RunAsync(nameof(ProcessPostback), message, cancellationToken);

    public async Task SeedClickAsync(Click click) => await Get<ClickStore>().TryAddAsync(click, CancellationToken.None);

    /// <summary>
    /// One click (made an hour before the first time) and a sale on it at each time, received then (txid t0, t1, … in
    /// order, payout 1 EUR), every one processed: conversions on both sides of a zone's midnight.
    /// </summary>
    public async Task SeedSalesAtAsync(FakeTimeProvider clock, string clickId, IReadOnlyList<string> times)
    {
        clock.AdjustTime(DateTimeOffset.Parse(times[0], CultureInfo.InvariantCulture));
        await SeedClickAsync(new Click { ClickId = clickId, ClickedAt = clock.GetUtcNow().AddHours(-1) });
        for (var n = 0; n < times.Count; n++)
        {
            clock.AdjustTime(DateTimeOffset.Parse(times[n], CultureInfo.InvariantCulture));
            await GetAsync($"/wp-json/trax/v1/sale?clickid={clickId}&txid=t{n}&payout=1&currency=EUR");
        }

        await DrainAsync();
    }

    /// <summary>Every message now in the queue (they stay invisible for five minutes).</summary>
    public async Task<IReadOnlyList<QueueMessage>> ReceiveAllAsync()
    {
        var all = new List<QueueMessage>();
        while (true)
        {
            QueueMessage[] batch = await RawQueue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5));
            if (batch.Length == 0)
            {
                return all;
            }

            all.AddRange(batch);
        }
    }

    /// <summary>The texts of every queued message, decoded as the trigger decodes them (messageEncoding=base64).</summary>
    public async Task<IReadOnlyList<string>> ReceiveTextsAsync() => [.. (await ReceiveAllAsync()).Select(DecodeLikeTheTrigger)];

    public static string DecodeLikeTheTrigger(QueueMessage message) =>
        System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(message.MessageText));

    /// <summary>
    /// Processes every queued message (concurrently), deleting each after success like the host. With
    /// <paramref name="deliveries"/> above 1, a message whose run throws is run again, up to that many times in all, as
    /// the host delivers it again (host.json's maxDequeueCount is 5); the last failure is thrown.
    /// </summary>
    public async Task<int> DrainAsync(int concurrency = 32, int deliveries = 1)
    {
        var messages = await ReceiveAllAsync();
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (m, ct) =>
        {
            for (var delivery = 1; ; delivery++)
            {
                try
                {
                    await ProcessAsync(DecodeLikeTheTrigger(m), ct);
                    break;
                }
                catch (InvalidOperationException) when (delivery < deliveries)
                {
                    // The processor gave up on a conversion that kept changing: the host would deliver it again.
                }
            }

            await RawQueue.DeleteMessageAsync(m.MessageId, m.PopReceipt, ct);
        });
        return messages.Count;
    }

    /// <summary>Every conversion stored (not their history rows), read through the app's own mapping.</summary>
    public async Task<List<Conversion>> ConversionsAsync() => [.. (await ConversionRowsAsync()).Select(e => e.ToConversion())];

    /// <summary>Every conversion row as stored, with its flat properties (the click's fields are copied onto it).</summary>
    internal async Task<List<ConversionEntity>> ConversionRowsAsync() =>
        await Conversions.QueryAsync<ConversionEntity>(TableClient.CreateQueryFilter($"RowKey lt {Storage.Keys.HistoryRowPrefix}")).ToListAsync();

    /// <summary>Every history row of every conversion (one per postback that created, updated or was superseded on one).</summary>
    public async Task<List<HistoryEntry>> HistoryAsync() =>
        [.. (await Conversions.QueryAsync<HistoryEntity>(TableClient.CreateQueryFilter($"RowKey ge {Storage.Keys.HistoryRowPrefix}")).ToListAsync())
            .Select(e => e.ToEntry())];

    /// <summary>Every postback log row (not the day-index rows), newest first.</summary>
    public async Task<List<PostbackLogEntry>> LogAsync() =>
        [.. (await PostbackLog.QueryAsync<PostbackLogEntity>(TableClient.CreateQueryFilter($"RowKey lt {PostbackLogKeys.LogRowsEnd}")).ToListAsync())
            .OrderBy(e => e.RowKey, StringComparer.Ordinal).Select(e => e.ToEntry())];

    /// <summary>The one log row of a postback.</summary>
    public async Task<PostbackLogEntry?> LogEntryAsync(string postbackId) => (await LogAsync()).SingleOrDefault(e => e.PostbackId == postbackId);

    /// <summary>Every day-index row (what reports count).</summary>
    public async Task<List<DayIndexEntry>> DayIndexAsync() =>
        [.. (await PostbackLog.QueryAsync<DayIndexEntity>(TableClient.CreateQueryFilter($"RowKey ge {PostbackLogKeys.DayIndexRowPrefix} and RowKey lt {PostbackLogKeys.DayIndexRowsEnd}")).ToListAsync())
            .Select(e => e.ToEntry())];

    public async Task<List<Click>> ClicksAsync() =>
        [.. (await Clicks.QueryAsync<ClickEntity>().ToListAsync()).Select(e => e.ToClick())];

    /// <summary>Creates a link through <c>POST /api/links</c>, as an operator would.</summary>
    public async Task<Answer> CreateLinkAsync(string json)
    {
        var answer = await PostJsonAsync("/api/links", json);
        return answer.StatusCode == 201 ? answer : throw new InvalidOperationException($"Link not created: {answer.StatusCode} {answer.Text}");
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
