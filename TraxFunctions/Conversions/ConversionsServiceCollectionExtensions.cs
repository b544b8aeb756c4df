using Trax.Clicks;
using Trax.Storage;

namespace Trax.Conversions;

public static class ConversionsServiceCollectionExtensions
{
    /// <summary>The Conversions table, the processor, and the re-attribution that listens for registered clicks.</summary>
    public static IServiceCollection AddConversions(this IServiceCollection services)
    {
        services.AddTableStore(o => o.ConversionsTable, table => new ConversionStore(table));
        services.AddSingleton<ConversionJournal>();
        services.AddSingleton<ConversionProcessor>();
        services.AddSingleton<OrphanReattributor>();
        services.AddSingleton<IClickListener>(sp => sp.GetRequiredService<OrphanReattributor>());
        services.AddSingleton<DayIndexRebuilder>();
        return services;
    }
}
