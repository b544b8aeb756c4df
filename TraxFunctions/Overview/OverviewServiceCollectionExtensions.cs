namespace Trax.Overview;

public static class OverviewServiceCollectionExtensions
{
    /// <summary>The overview summary over the report, the postback log and the queues (registered by AddTrax).</summary>
    public static IServiceCollection AddOverview(this IServiceCollection services) =>
        services.AddSingleton<OverviewSummary>();
}
