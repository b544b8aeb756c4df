using Azure.Data.Tables;

namespace Trax.Rollups;

public static class RollupsServiceCollectionExtensions
{
    /// <summary>Rollups of the day index: their store (in the PostbackLog table), the roller and the reader.</summary>
    public static IServiceCollection AddRollups(this IServiceCollection services, Func<IServiceProvider, string> postbackLogTable)
    {
        services.AddSingleton(sp => new RollupStore(sp.GetRequiredService<TableServiceClient>().GetTableClient(postbackLogTable(sp))));
        services.AddSingleton(sp => new DayRollupStore(sp.GetRequiredService<TableServiceClient>().GetTableClient(postbackLogTable(sp))));
        services.AddSingleton<DayRollupRoller>();
        services.AddSingleton<RollupRoller>();
        services.AddSingleton<RollupReader>();
        services.AddSingleton<RollupRebuild>();
        return services;
    }
}
