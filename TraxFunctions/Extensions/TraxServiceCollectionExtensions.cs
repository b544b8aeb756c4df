using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Trax.Clicks;
using Trax.Conversions;
using Trax.Forwards;
using Trax.Http;
using Trax.Links;
using Trax.Monitoring;
using Trax.OperatorConsole;
using Trax.Networks;
using Trax.Overview;
using Trax.Poison;
using Trax.PostbackCheck;
using Trax.PostbackLog;
using Trax.Postbacks;
using Trax.Rates;
using Trax.Reports;
using Trax.Storage;
using Trax.Telemetry;
using Trax.Uploads;
using Trax.Zones;
using Polly;

namespace Trax.Extensions;

public static class TraxServiceCollectionExtensions
{
    /// <summary>
    /// Registers everything Trax needs, and the middleware that turns storage faults into 503s; Program.cs calls this
    /// once, after <c>ConfigureFunctionsWebApplication</c> (the middleware must run inside the ASP.NET Core integration).
    /// </summary>
    public static FunctionsApplicationBuilder AddTrax(this FunctionsApplicationBuilder builder)
    {
        builder.UseMiddleware<StorageFaultMiddleware>();
        builder.Services.AddTrax(builder.Configuration);
        return builder;
    }

    public static IServiceCollection AddTrax(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TraxOptions>()
            .Bind(configuration.GetSection(TraxOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<PostbackSecurityOptions>()
            .Bind(configuration.GetSection(PostbackSecurityOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PostbackSecurityOptions>, PostbackSecurityOptionsValidator>();
        services.AddOptions<NetworkOptions>()
            .Configure(options => configuration.GetSection(NetworkOptions.Section).Bind(options.Networks))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<NetworkOptions>, NetworkOptionsValidator>();
        services.AddSingleton<StatusMap>();
        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<TraxMetrics>();

        // Storage clients are created once and shared: they are thread-safe and hold the connection pool.
        services.AddSingleton(sp => StorageConnection.CreateQueueServiceClient(configuration, QueueOptions(policies: Policies(sp))));
        services.AddSingleton(sp => StorageConnection.CreateTableServiceClient(configuration, TableOptions(Policies(sp))));
        services.AddSingleton(sp =>
        {
            var queues = sp.GetRequiredService<QueueServiceClient>();
            var name = Options(sp).QueueName;
            return new PostbackQueue(queues.GetQueueClient(name), queues.GetQueueClient(PostbackQueue.PoisonQueueName(name)));
        });
        services.AddSingleton<IStorageResource>(sp => sp.GetRequiredService<PostbackQueue>());
        services.AddSingleton(sp =>
        {
            var queues = sp.GetRequiredService<QueueServiceClient>();
            var name = Options(sp).ForwardQueueName;
            return new ForwardQueue(queues.GetQueueClient(name), queues.GetQueueClient(PostbackQueue.PoisonQueueName(name)));
        });
        services.AddSingleton<IStorageResource>(sp => sp.GetRequiredService<ForwardQueue>());
        AddStore(services, o => o.ClicksTable, table => new ClickStore(table));
        AddStore(services, o => o.ConversionsTable, table => new ConversionStore(table));
        AddStore(services, o => o.PostbackLogTable, table => new PostbackLogStore(table));
        AddStore(services, o => o.LinksTable, table => new LinkStore(table));
        AddStore(services, o => o.ForwardsTable, table => new ForwardStore(table));
        AddStore(services, o => o.ForwardJobsTable, table => new ForwardJobStore(table));
        AddStore(services, o => o.ForwardDeliveriesTable, table => new ForwardDeliveryStore(table));
        services.AddSingleton(sp =>
        {
            // Operators move poison messages byte for byte, so these clients apply no encoding.
            var raw = StorageConnection.CreateQueueServiceClient(configuration, QueueOptions(QueueMessageEncoding.None, Policies(sp)));
            var name = Options(sp).QueueName;
            return new PoisonMessages(raw.GetQueueClient(PostbackQueue.PoisonQueueName(name)), raw.GetQueueClient(name));
        });
        services.AddHostedService<StorageInitializer>();

        services.AddSingleton<ClientAddress>();
        services.AddSingleton<PostbackRequestReader>();
        services.AddSingleton<NetworkGuard>();
        services.AddSingleton<PostbackIngest>();
        services.AddSingleton<ConversionUpload>();
        services.AddSingleton<ConversionProcessor>();
        AddForwarding(services, configuration);
        services.AddZones(configuration);
        services.AddRates(configuration, sp => Options(sp).RatesTable);
        services.AddSingleton<OrphanReattributor>();
        services.AddSingleton<IClickListener>(sp => sp.GetRequiredService<OrphanReattributor>());
        services.AddSingleton<PostbackLogCleaner>();
        services.AddSingleton<PostbackLogQuery>();
        services.AddSingleton<ConversionReport>();
        services.AddSingleton<ConversionLookup>();
        services.AddSingleton<DayIndexRebuilder>();
        services.AddSingleton<ConversionReindex>();
        services.AddSingleton<QueueDepthReporter>();
        services.AddSingleton<StorageHealth>();
        services.AddSingleton<LinkCache>();
        services.AddSingleton<LinkAdmin>();
        services.AddSingleton<IClickIdGenerator, ClickIdGenerator>();
        services.AddSingleton<IpPrivacy>();
        services.AddSingleton<ClickFactory>();
        services.AddSingleton<ClickTracker>();
        services.AddSingleton<ClickRegistrar>();
        services.AddSingleton<StorageFaultMiddleware>();
        services.AddOperatorConsole();
        services.AddPostbackCheck();
        services.AddOverview();
        services.AddNetworkCatalogue();
        services.AddSingleton<ForwardPreviewer>();
        return services;
    }

    /// <summary>
    /// The outbox (told of every counted conversion), the deliverer and its HTTP client: no redirects, every
    /// connection through the SSRF guard, the forward's own timeout from the resilience pipeline (the client's
    /// own timeout is off, so that one is the only clock).
    /// </summary>
    private static void AddForwarding(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ForwardingOptions>()
            .Bind(configuration.GetSection(ForwardingOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ForwardCache>();
        services.AddSingleton<ForwardOutbox>();
        services.AddSingleton<IConversionListener>(sp => sp.GetRequiredService<ForwardOutbox>());
        services.AddSingleton<ForwardSender>();
        services.AddSingleton<ForwardDeliverer>();
        services.AddSingleton<ForwardAdmin>();
        services.AddSingleton<ForwardDeliveryCleaner>();
        services.AddSingleton(sp => new DestinationGuard(sp.GetRequiredService<IOptions<ForwardingOptions>>().Value.AllowPrivateDestinations));
        services.AddHttpClient(ForwardSender.ClientName)
            // The factory's request loggers write each URL's path at Information: a destination's secret can be there.
            .RemoveAllLoggers()
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,

                // Through a proxy the guard would see only the proxy's address, never the destination's.
                UseProxy = false,
                ConnectCallback = sp.GetRequiredService<DestinationGuard>().ConnectAsync,
                ConnectTimeout = TimeSpan.FromSeconds(ForwardRejections.MaxTimeoutSeconds),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .AddResilienceHandler("forward-timeout", pipeline =>
            {
                // A destination's timeout is wall time: the pipeline would otherwise take the app's TimeProvider,
                // which tests replace to move conversion dates and retry schedules, not sockets.
                pipeline.TimeProvider = TimeProvider.System;
                pipeline.AddTimeout(new Microsoft.Extensions.Http.Resilience.HttpTimeoutStrategyOptions
                {
                    TimeoutGenerator = args => ValueTask.FromResult(
                        args.Context.Properties.TryGetValue(ForwardSender.TimeoutKey, out var timeout) ? timeout : TimeSpan.FromSeconds(Forward.DefaultTimeoutSeconds)),
                });
            });
    }

    /// <summary>A store over its configured table, also registered as a resource to create and probe.</summary>
    private static void AddStore<TStore>(IServiceCollection services, Func<TraxOptions, string> table, Func<TableClient, TStore> create)
        where TStore : TableStore
    {
        services.AddSingleton(sp => create(sp.GetRequiredService<TableServiceClient>().GetTableClient(table(Options(sp)))));
        services.AddSingleton<IStorageResource>(sp => sp.GetRequiredService<TStore>());
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

    private static TraxOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<TraxOptions>>().Value;
}
