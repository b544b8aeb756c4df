using System.Diagnostics.Metrics;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Trax.Clicks;
using Trax.Conversions;
using Trax.Extensions;
using Trax.Links;
using Trax.Postbacks;
using Trax.Storage;

namespace Trax.Tests.Support;

/// <summary>
/// Trax as the worker builds it (the same <c>AddTrax</c> registration), on real storage, with a queue and tables
/// of its own so that tests never see each other's data. It also plays the host's queue trigger: it reads the raw
/// messages, decodes them the way host.json tells the trigger to (Base64) and runs ProcessPostback.
/// </summary>
public sealed class TraxHarness : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly string connectionString;
    private bool ownsResources;

    private TraxHarness(ServiceProvider services, string connectionString, bool ownsResources, AzureTableLimits limits, StorageFaults faults)
    {
        Limits = limits;
        Faults = faults;
        this.ownsResources = ownsResources;
        this.services = services;
        this.connectionString = connectionString;
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TraxOptions>>().Value;
        QueueName = options.QueueName;
        RawQueue = new QueueClient(connectionString, QueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        Tables = services.GetRequiredService<TraxTables>();
        Functions = new PostbackFunctions(services.GetRequiredService<PostbackIngest>());
        Http = new HttpFunctions(services, Functions);
        Processor = ActivatorUtilities.CreateInstance<ProcessPostback>(services);
        Links = services.GetRequiredService<LinkStore>();
        Counters = new CounterRecorder(services.GetRequiredService<IMeterFactory>());
    }

    public string QueueName { get; }

    /// <summary>Azure's table limits, enforced on every request this app sends (Azurite is laxer).</summary>
    public AzureTableLimits Limits { get; }

    /// <summary>Faults to inject into this app's storage requests (none until a test adds a rule).</summary>
    internal StorageFaults Faults { get; }

    /// <summary>The postback queue without any message encoding: exactly what is stored.</summary>
    public QueueClient RawQueue { get; }

    public TraxTables Tables { get; }

    public PostbackFunctions Functions { get; }

    /// <summary>Every HTTP function (postbacks, /go, /api/clicks, /api/links), routed like the host routes.</summary>
    public HttpFunctions Http { get; }

    public LinkStore Links { get; }

    /// <summary>The click counters (trax.clicks.*) of this app instance only.</summary>
    public CounterRecorder Counters { get; }

    public IServiceProvider Services => services;

    public ProcessPostback Processor { get; }

    public static FunctionsMetadata Metadata { get; } = FunctionsMetadata.Load();

    /// <param name="connectionString">The storage account.</param>
    /// <param name="createResources">Create the queues and tables first (false for unreachable storage).</param>
    /// <param name="time">A clock to use instead of the system's (for attribution windows).</param>
    /// <param name="settings">More <c>Trax:</c> settings, such as <c>Trax:IpHashKey</c>.</param>
    /// <param name="configureServices">Extra registrations before <c>AddTrax</c>, e.g. a counting pipeline policy.</param>
    public static async Task<TraxHarness> StartAsync(
        string connectionString,
        bool createResources = true,
        TimeProvider? time = null,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageConnection.Name] = connectionString,
            ["Trax:QueueName"] = $"postbacks-{id}",
            ["Trax:ConversionsTable"] = $"Conversions{id}",
            ["Trax:ClicksTable"] = $"Clicks{id}",
            ["Trax:PostbackLogTable"] = $"PostbackLog{id}",
            ["Trax:LinksTable"] = $"Links{id}",
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var collection = new ServiceCollection().AddLogging();
        var limits = new AzureTableLimits();
        var faults = new StorageFaults();
        collection.AddSingleton<Azure.Core.Pipeline.HttpPipelinePolicy>(limits);
        collection.AddSingleton<Azure.Core.Pipeline.HttpPipelinePolicy>(faults);
        configureServices?.Invoke(collection);
        collection.AddTrax(configuration);
        if (time is not null)
        {
            collection.AddSingleton(time);
        }

        var services = collection.BuildServiceProvider();
        if (createResources)
        {
            foreach (var hosted in services.GetServices<IHostedService>())
            {
                await hosted.StartAsync(CancellationToken.None);
            }
        }

        return new TraxHarness(services, connectionString, createResources, limits, faults);
    }

    /// <summary>A service as the app resolves it (handlers, writers, options).</summary>
    public T Get<T>() where T : notnull => services.GetRequiredService<T>();

    public Task<Answer> SendAsync(Microsoft.AspNetCore.Http.HttpRequest request) => Http.SendAsync(Metadata, request);

    public Task<Answer> GetAsync(string pathAndQuery) => SendAsync(HttpRequests.Get(pathAndQuery));

    public async Task SeedClickAsync(ClickEntity click) => await Tables.Clicks.AddEntityAsync(click);

    /// <summary>Every message now in the queue, as the trigger would hand it to the function (decoded text).</summary>
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

    /// <summary>What the Functions queue trigger does with messageEncoding=base64: decode, then run the function.</summary>
    public static string DecodeLikeTheTrigger(QueueMessage message) =>
        System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(message.MessageText));

    /// <summary>Processes every queued message (concurrently), deleting each after success like the host.</summary>
    public async Task<int> DrainAsync(int concurrency = 32)
    {
        var messages = await ReceiveAllAsync();
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (m, ct) =>
        {
            await Processor.RunAsync(DecodeLikeTheTrigger(m), ct);
            await RawQueue.DeleteMessageAsync(m.MessageId, m.PopReceipt, ct);
        });
        return messages.Count;
    }

    public async Task<List<ConversionEntity>> ConversionsAsync() =>
        await Tables.Conversions.QueryAsync<ConversionEntity>().ToListAsync();

    /// <summary>The poison queue, without encoding (the host writes there what it read from the main queue).</summary>
    public QueueClient RawPoisonQueue => new(connectionString, QueueName + "-poison", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });

    public async Task<List<ClickEntity>> ClicksAsync() =>
        await Tables.Clicks.QueryAsync<ClickEntity>().ToListAsync();

    /// <summary>Creates a link through <c>POST /api/links</c>, as an operator would.</summary>
    public async Task<Answer> CreateLinkAsync(string json)
    {
        var answer = await SendAsync(HttpRequests.Json("POST", "/api/links", json));
        return answer.StatusCode == 201 ? answer : throw new InvalidOperationException($"Link not created: {answer.StatusCode} {answer.Body}");
    }

    /// <summary>Storage went away with its data (a killed private Azurite): nothing to delete at the end.</summary>
    public void AbandonResources() => ownsResources = false;

    public async ValueTask DisposeAsync()
    {
        if (!ownsResources)
        {
            Counters.Dispose();
            await services.DisposeAsync();
            return;
        }

        try
        {
            await RawQueue.DeleteIfExistsAsync();
            await RawPoisonQueue.DeleteIfExistsAsync();
        }
        catch (Exception)
        {
            // best effort; names are unique per test
        }

        Counters.Dispose();
        foreach (var table in Tables.All.Append(Links.Table))
        {
            try
            {
                await table.DeleteAsync();
            }
            catch (Exception)
            {
                // best effort
            }
        }

        await services.DisposeAsync();
    }
}
