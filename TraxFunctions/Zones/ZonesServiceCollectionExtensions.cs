using Microsoft.Extensions.Configuration;

namespace Trax.Zones;

public static class ZonesServiceCollectionExtensions
{
    /// <summary>The default zone (<c>Trax:Reports:TimeZone</c>, checked at start-up) and <see cref="TimeZones"/>.</summary>
    public static IServiceCollection AddZones(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ZoneOptions>().Bind(configuration.GetSection(ZoneOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ZoneOptions>, ZoneOptionsValidator>();
        services.AddSingleton<TimeZones>();
        return services;
    }
}
