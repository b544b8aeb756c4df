using Microsoft.Extensions.Configuration;
using Trax.Storage;

namespace Trax.Reconciliation;

public static class ReconciliationServiceCollectionExtensions
{
    /// <summary>The reconciliation of networks' exports: its table, its options, its handler.</summary>
    public static IServiceCollection AddReconciliation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReconciliationOptions>().Bind(configuration.GetSection(ReconciliationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        return services
            .AddTableStore(o => o.ReconciliationsTable, t => new ReconciliationStore(t))
            .AddSingleton<Reconciler>()
            .AddSingleton<ReconciliationResults>();
    }
}
