namespace Trax.Http;

public static class HttpServiceCollectionExtensions
{
    /// <summary>What every HTTP function shares: the caller's address and the middleware that maps storage faults to 503.</summary>
    public static IServiceCollection AddHttp(this IServiceCollection services)
    {
        services.AddSingleton<ClientAddress>();
        services.AddSingleton<StorageFaultMiddleware>();
        return services;
    }
}
