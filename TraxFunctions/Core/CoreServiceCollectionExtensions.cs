using Microsoft.Extensions.Configuration;

namespace Trax.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>The networks' status words (<c>Trax:Networks</c>) and the map every slice reads them through.</summary>
    public static IServiceCollection AddCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NetworkOptions>()
            .Configure(options => configuration.GetSection(NetworkOptions.Section).Bind(options.Networks))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<NetworkOptions>, NetworkOptionsValidator>();
        services.AddSingleton<StatusMap>();
        return services;
    }
}
