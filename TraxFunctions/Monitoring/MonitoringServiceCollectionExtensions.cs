namespace Trax.Monitoring;

public static class MonitoringServiceCollectionExtensions
{
    /// <summary>The health probe and the queue-depth timer.</summary>
    public static IServiceCollection AddMonitoring(this IServiceCollection services)
    {
        services.AddSingleton<QueueDepthReporter>();
        services.AddSingleton<StorageHealth>();
        return services;
    }
}
