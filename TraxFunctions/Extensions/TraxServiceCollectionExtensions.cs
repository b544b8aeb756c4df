using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Trax.Clicks;
using Trax.Conversions;
using Trax.ConversionSearch;
using Trax.Core;
using Trax.Forwards;
using Trax.Http;
using Trax.Links;
using Trax.Monitoring;
using Trax.Networks;
using Trax.OperatorConsole;
using Trax.Overview;
using Trax.Poison;
using Trax.PostbackCheck;
using Trax.PostbackLog;
using Trax.Postbacks;
using Trax.Rates;
using Trax.Reconciliation;
using Trax.Reports;
using Trax.Rollups;
using Trax.Storage;
using Trax.Telemetry;
using Trax.Traffic;
using Trax.Uploads;
using Trax.Zones;

namespace Trax.Extensions;

/// <summary>
/// The composition root: the shared plumbing, then one registration per slice, each in its own folder
/// (docs/architecture.md says how to add one).
/// </summary>
public static class TraxServiceCollectionExtensions
{
    /// <summary>
    /// Registers everything Trax needs, and the middleware that turns storage faults into 503s; Program.cs calls this
    /// once, after <c>ConfigureFunctionsWebApplication</c> (the middleware must run inside the ASP.NET Core integration).
    /// </summary>
    public static FunctionsApplicationBuilder AddTrax(this FunctionsApplicationBuilder builder)
    {
        builder.UseMiddleware<StorageFaultMiddleware>();
        builder.Services.AddTrax(builder.Configuration);
        return builder;
    }

    public static IServiceCollection AddTrax(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TraxOptions>()
            .Bind(configuration.GetSection(TraxOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        return services
            .AddTelemetry()
            .AddStorage(configuration)
            .AddHttp()
            .AddCore(configuration)
            .AddPostbacks(configuration)
            .AddClicks()
            .AddConversions()
            .AddPostbackLog()
            .AddLinks()
            .AddForwarding(configuration)
            .AddPoison(configuration)
            .AddUploads()
            .AddZones(configuration)
            .AddRates(configuration, sp => StorageServiceCollectionExtensions.TraxOptionsOf(sp).RatesTable)
            .AddRollups(sp => StorageServiceCollectionExtensions.TraxOptionsOf(sp).PostbackLogTable)
            .AddReports()
            .AddMonitoring()
            .AddPostbackCheck()
            .AddOverview()
            .AddNetworkCatalogue()
            .AddOperatorConsole()
            .AddConversionSearch()
            .AddReconciliation(configuration)
            .AddTraffic();
    }
}
