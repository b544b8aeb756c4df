namespace Trax.Reports;

public static class ReportsServiceCollectionExtensions
{
    /// <summary>Reports (from the day index), the conversion lookup and the re-index API.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddSingleton<ConversionReport>();
        services.AddSingleton<ConversionLookup>();
        services.AddSingleton<ConversionReindex>();
        return services;
    }
}
