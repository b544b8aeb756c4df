using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Trax.Clicks;
using Trax.Conversions;
using Trax.Extensions;
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
    private readonly bool ownsResources;

    private TraxHarness(ServiceProvider services, string connectionString, bool ownsResources)
    {
        this.ownsResources = ownsResources;
        this.services = services;
        this.connectionString = connectionString;
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TraxOptions>>().Value;
        QueueName = options.QueueName;
        RawQueue = new QueueClient(connectionString, QueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        Tables = services.GetRequiredService<TraxTables>();
        Functions = new PostbackFunctions(services.GetRequiredService<PostbackIngest>());
        Processor = ActivatorUtilities.CreateInstance<ProcessPostback>(services);
    }

    public string QueueName { get; }

    /// <summary>The postback queue without any message encoding: exactly what is stored.</summary>
    public QueueClient RawQueue { get; }

    public TraxTables Tables { get; }

    public PostbackFunctions Functions { get; }

    public ProcessPostback Processor { get; }

    public static FunctionsMetadata Metadata { get; } = FunctionsMetadata.Load();

    /// <param name="configureServices">Extra registrations before <c>AddTrax</c>, e.g. a counting pipeline policy.</param>
    public static async Task<TraxHarness> StartAsync(
        string connectionString, bool createResources = true, Action<IServiceCollection>? configureServices = null)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageConnection.Name] = connectionString,
            ["Trax:QueueName"] = $"postbacks-{id}",
            ["Trax:ConversionsTable"] = $"Conversions{id}",
            ["Trax:ClicksTable"] = $"Clicks{id}",
        }).Build();
        var collection = new ServiceCollection().AddLogging();
        configureServices?.Invoke(collection);
        var services = collection.AddTrax(configuration).BuildServiceProvider();
        if (createResources)
        {
            foreach (var hosted in services.GetServices<IHostedService>())
            {
                await hosted.StartAsync(CancellationToken.None);
            }
        }

        return new TraxHarness(services, connectionString, createResources);
    }

    public Task<Answer> SendAsync(Microsoft.AspNetCore.Http.HttpRequest request) => Functions.SendAsync(Metadata, request);

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

    public T Resolve<T>() where T : notnull => ActivatorUtilities.GetServiceOrCreateInstance<T>(services);

    public async ValueTask DisposeAsync()
    {
        if (!ownsResources)
        {
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

        foreach (var table in Tables.All)
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
