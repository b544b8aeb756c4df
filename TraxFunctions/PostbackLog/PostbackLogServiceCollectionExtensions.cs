using Trax.Storage;

namespace Trax.PostbackLog;

public static class PostbackLogServiceCollectionExtensions
{
    /// <summary>The PostbackLog table (log rows and the day index), its API and its retention.</summary>
    public static IServiceCollection AddPostbackLog(this IServiceCollection services)
    {
        services.AddTableStore(o => o.PostbackLogTable, table => new PostbackLogStore(table));
        services.AddSingleton<PostbackLogQuery>();
        services.AddSingleton<PostbackLogCleaner>();
        return services;
    }
}
