using Trax.Storage;

namespace Trax.Links;

public static class LinksServiceCollectionExtensions
{
    /// <summary>The Links table, its API and the redirect's cache of it.</summary>
    public static IServiceCollection AddLinks(this IServiceCollection services)
    {
        services.AddTableStore(o => o.LinksTable, table => new LinkStore(table));
        services.AddSingleton<LinkCache>();
        services.AddSingleton<LinkAdmin>();
        return services;
    }
}
