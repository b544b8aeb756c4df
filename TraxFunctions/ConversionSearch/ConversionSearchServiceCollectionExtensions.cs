namespace Trax.ConversionSearch;

public static class ConversionSearchServiceCollectionExtensions
{
    /// <summary>The conversion search, a click's postbacks and a conversion's deliveries, over the stores (registered by AddTrax).</summary>
    public static IServiceCollection AddConversionSearch(this IServiceCollection services) =>
        services.AddSingleton<ConversionSearcher>().AddSingleton<ClickPostbacks>().AddSingleton<ConversionDeliveries>();
}
