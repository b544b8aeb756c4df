using Microsoft.Extensions.Configuration;
using Polly;
using Trax.Conversions;
using Trax.Storage;

namespace Trax.Forwards;

public static class ForwardsServiceCollectionExtensions
{
    /// <summary>
    /// The outbox (told of every counted conversion), the deliverer and its HTTP client: no redirects, every
    /// connection through the SSRF guard, the forward's own timeout from the resilience pipeline (the client's
    /// own timeout is off, so that one is the only clock).
    /// </summary>
    public static IServiceCollection AddForwarding(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddQueue(o => o.ForwardQueueName, (queue, poison) => new ForwardQueue(queue, poison));
        services.AddTableStore(o => o.ForwardsTable, table => new ForwardStore(table));
        services.AddTableStore(o => o.ForwardJobsTable, table => new ForwardJobStore(table));
        services.AddTableStore(o => o.ForwardDeliveriesTable, table => new ForwardDeliveryStore(table));
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
        services.AddSingleton<ForwardPreviewer>();
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
        return services;
    }
}
