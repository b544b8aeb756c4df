using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Trax.Clicks;
using Trax.Conversions;
using Trax.Links;
using Trax.Monitoring;
using Trax.Poison;
using Trax.PostbackLog;
using Trax.Postbacks;
using Trax.Reports;
using Trax.Storage;

namespace Trax.Extensions;

public static class TraxServiceCollectionExtensions
{
    /// <summary>Registers everything Trax needs; Program.cs calls this once.</summary>
    public static IHostApplicationBuilder AddTrax(this IHostApplicationBuilder builder)
    {
        builder.Services.AddTrax(builder.Configuration);
        return builder;
    }

    public static IServiceCollection AddTrax(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TraxOptions>()
            .Bind(configuration.GetSection(TraxOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<PostbackSecurityOptions>().Bind(configuration.GetSection(PostbackSecurityOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<TraxMetrics>();

        // Storage clients are created once and shared: they are thread-safe and hold the connection pool.
        services.AddSingleton(sp => StorageConnection.CreateQueueServiceClient(configuration, QueueOptions(policies: Policies(sp))));
        services.AddSingleton(sp => StorageConnection.CreateTableServiceClient(configuration, TableOptions(Policies(sp))));
        services.AddSingleton(sp => new PostbackQueue(
            sp.GetRequiredService<QueueServiceClient>().GetQueueClient(Options(sp).QueueName)));
        services.AddSingleton(sp =>
        {
            var tables = sp.GetRequiredService<TableServiceClient>();
            var options = Options(sp);
            return new TraxTables(
                tables.GetTableClient(options.ConversionsTable),
                tables.GetTableClient(options.ClicksTable),
                tables.GetTableClient(options.PostbackLogTable));
        });

        services.AddSingleton(sp =>
        {
            // Operators move poison messages byte for byte, so these clients apply no encoding.
            var raw = StorageConnection.CreateQueueServiceClient(configuration, QueueOptions(QueueMessageEncoding.None, Policies(sp)));
            var postbacks = sp.GetRequiredService<PostbackQueue>();
            return new PoisonMessages(raw.GetQueueClient(postbacks.PoisonQueueName), raw.GetQueueClient(postbacks.Client.Name));
        });
        services.AddSingleton<NetworkGuard>();
        services.AddSingleton<PostbackIngest>();
        services.AddSingleton<ConversionProcessor>();
        services.AddSingleton<QueueDepthReporter>();
        services.AddSingleton<StorageHealth>();
        services.AddSingleton<PostbackLogWriter>();
        services.AddSingleton<PostbackLogCleaner>();
        services.AddSingleton<PostbackLogQuery>();
        services.AddSingleton<ConversionReport>();
        services.AddSingleton<ConversionLookup>();
        services.AddSingleton(sp => new LinkStore(
            sp.GetRequiredService<TableServiceClient>().GetTableClient(Options(sp).LinksTable)));

        services.AddSingleton<OrphanReattributor>();
        services.AddSingleton<LinkCache>();
        services.AddSingleton<LinkAdmin>();
        services.AddSingleton<IClickIdGenerator, ClickIdGenerator>();
        services.AddSingleton<IpPrivacy>();
        services.AddSingleton<ClickTracker>();
        services.AddSingleton<ClickRegistrar>();
        services.AddHostedService<StorageInitializer>();
        return services;
    }

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
    /// retry counts). The app registers none; the benchmarks and the round-trip tests register a
    /// <see cref="StorageRequestCounter"/> this way, so they count whatever the real clients send.
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

    private static TraxOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<TraxOptions>>().Value;
}
