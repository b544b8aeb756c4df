namespace Trax.Networks;

public static class NetworksServiceCollectionExtensions
{
    /// <summary>The network catalogue over the security and status settings (registered by AddTrax).</summary>
    public static IServiceCollection AddNetworkCatalogue(this IServiceCollection services) =>
        services.AddSingleton<NetworkCatalogue>();
}
