using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Trax.Storage;

namespace Trax.Rates;

public static class RatesServiceCollectionExtensions
{
    /// <summary>
    /// The Rates table (<paramref name="tableName"/>), its API, the converter reports use, and the timer's HTTP client:
    /// no redirects, no cookies, no proxy, no request logs (a key may be in the URL), one time budget per fetch.
    /// Needs the <see cref="TableServiceClient"/> that <c>AddTrax</c> registers.
    /// </summary>
    public static IServiceCollection AddRates(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, string> tableName)
    {
        services.AddOptions<RatesOptions>()
            .Bind(configuration.GetSection(RatesOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RatesOptions>, RatesOptionsValidator>();
        services.AddOptions<CurrencyOptions>()
            .Bind(configuration.GetSection(CurrencyOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => new RateStore(sp.GetRequiredService<TableServiceClient>().GetTableClient(tableName(sp))));
        services.AddSingleton<IStorageResource>(sp => sp.GetRequiredService<RateStore>());
        services.AddSingleton<RatesAdmin>();
        services.AddSingleton<RatesFetcher>();
        services.AddSingleton<CurrencyConverter>();
        services.AddHttpClient(RatesFetcher.ClientName)
            .RemoveAllLoggers()
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = false,
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        return services;
    }
}
