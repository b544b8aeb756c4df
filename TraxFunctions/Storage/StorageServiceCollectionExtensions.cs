using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Trax.Storage;

/// <summary>The storage clients every slice's stores and queues are made from, and the helpers slices register them with.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// One queue and one table service client, shared (they are thread-safe and hold the connection pool), and the
    /// start-up step that creates every registered <see cref="IStorageResource"/>.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => StorageConnection.CreateQueueServiceClient(configuration, QueueOptions(policies: Policies(sp))));
        services.AddSingleton(sp => StorageConnection.CreateTableServiceClient(configuration, TableOptions(Policies(sp))));
        services.AddHostedService<StorageInitializer>();
        return services;
    }

    /// <summary>A store over its configured table, also registered as a resource to create and probe.</summary>
    public static IServiceCollection AddTableStore<TStore>(this IServiceCollection services, Func<TraxOptions, string> table, Func<TableClient, TStore> create)
        where TStore : TableStore
    {
        services.AddSingleton(sp => create(sp.GetRequiredService<TableServiceClient>().GetTableClient(table(TraxOptionsOf(sp)))));
        services.AddSingleton<IStorageResource>(sp => sp.GetRequiredService<TStore>());
        return services;
    }

    /// <summary>A queue (and its poison queue) under its configured name, also registered as a resource to create and probe.</summary>
    public static IServiceCollection AddQueue<TQueue>(this IServiceCollection services, Func<TraxOptions, string> name, Func<QueueClient, QueueClient, TQueue> create)
        where TQueue : class, IStorageResource
    {
        services.AddSingleton(sp =>
        {
            var queues = sp.GetRequiredService<QueueServiceClient>();
            var queue = name(TraxOptionsOf(sp));
            return create(queues.GetQueueClient(queue), queues.GetQueueClient(PoisonQueueName(queue)));
        });
        services.AddSingleton<IStorageResource>(sp => sp.GetRequiredService<TQueue>());
        return services;
    }

    /// <summary>Where the host moves a message that failed every attempt.</summary>
    public static string PoisonQueueName(string queueName) => queueName + "-poison";

    /// <summary>A queue client that applies no encoding (operators move poison messages byte for byte).</summary>
    public static QueueServiceClient CreateRawQueueServiceClient(IServiceProvider services, IConfiguration configuration) =>
        StorageConnection.CreateQueueServiceClient(configuration, QueueOptions(QueueMessageEncoding.None, Policies(services)));

    public static TraxOptions TraxOptionsOf(IServiceProvider services) => services.GetRequiredService<IOptions<TraxOptions>>().Value;

    /// <summary>
    /// Base64, because the queue trigger decodes Base64 (host.json pins it). Few, quick retries: a network is
    /// waiting on the answer, and a 503 that makes it retry later beats a request that hangs.
    /// </summary>
    internal static QueueClientOptions QueueOptions(
        QueueMessageEncoding encoding = QueueMessageEncoding.Base64, IEnumerable<HttpPipelinePolicy>? policies = null)
    {
        var options = new QueueClientOptions { MessageEncoding = encoding };
        Configure(options, policies);
        return options;
    }

    internal static TableClientOptions TableOptions(IEnumerable<HttpPipelinePolicy>? policies = null)
    {
        var options = new TableClientOptions();
        Configure(options, policies);
        return options;
    }

    /// <summary>
    /// Every <see cref="HttpPipelinePolicy"/> registered in DI joins every storage client, once per attempt (so a
    /// retry counts). The app registers none; tests and benchmarks register a request counter, Azure's table limits
    /// and injected faults this way, so they see whatever the real clients send.
    /// </summary>
    private static IEnumerable<HttpPipelinePolicy> Policies(IServiceProvider services) => services.GetServices<HttpPipelinePolicy>();

    private static void Configure(ClientOptions options, IEnumerable<HttpPipelinePolicy>? policies)
    {
        SetRetry(options.Retry);
        foreach (var policy in policies ?? [])
        {
            options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        }
    }

    private static void SetRetry(RetryOptions retry)
    {
        retry.Mode = RetryMode.Exponential;
        retry.MaxRetries = 2;
        retry.Delay = TimeSpan.FromMilliseconds(200);
        retry.MaxDelay = TimeSpan.FromSeconds(2);
        retry.NetworkTimeout = TimeSpan.FromSeconds(10);
    }
}
