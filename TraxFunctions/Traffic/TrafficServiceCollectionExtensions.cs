using Azure.Data.Tables;
using Trax.Storage;

namespace Trax.Traffic;

public static class TrafficServiceCollectionExtensions
{
    /// <summary>
    /// The traffic report, the click roller and its timer, and cost uploads. The Traffic table is the Clicks slice's
    /// (it counts clicks as they are stored); uploaded costs live in partitions of their own there.
    /// </summary>
    public static IServiceCollection AddTraffic(this IServiceCollection services)
    {
        services.AddSingleton(sp => new CostStore(sp.GetRequiredService<TableServiceClient>().GetTableClient(StorageServiceCollectionExtensions.TraxOptionsOf(sp).TrafficTable)));
        services.AddSingleton<TrafficRoller>();
        services.AddSingleton<TrafficReader>();
        services.AddSingleton<ConversionClicks>();
        services.AddSingleton<TrafficReport>();
        services.AddSingleton<CostUpload>();
        services.AddSingleton<TrafficRecount>();
        return services;
    }
}
