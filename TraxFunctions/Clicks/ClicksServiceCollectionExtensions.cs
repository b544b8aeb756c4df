using Trax.Storage;

namespace Trax.Clicks;

public static class ClicksServiceCollectionExtensions
{
    /// <summary>The Clicks table, click registration (API) and tracking (the redirect's side).</summary>
    public static IServiceCollection AddClicks(this IServiceCollection services)
    {
        services.AddTableStore(o => o.ClicksTable, table => new ClickStore(table));
        services.AddTableStore(o => o.TrafficTable, table => new ClickDayStore(table));
        services.AddSingleton<IClickIdGenerator, ClickIdGenerator>();
        services.AddSingleton<IpPrivacy>();
        services.AddSingleton<ClickFactory>();
        services.AddSingleton<ClickTracker>();
        services.AddSingleton<ClickRegistrar>();
        return services;
    }
}
