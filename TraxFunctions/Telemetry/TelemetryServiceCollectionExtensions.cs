namespace Trax.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The meter factory and Trax's instruments.</summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<TraxMetrics>();
        return services;
    }
}
