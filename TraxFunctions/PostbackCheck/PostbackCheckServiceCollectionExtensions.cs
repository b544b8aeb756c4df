namespace Trax.PostbackCheck;

public static class PostbackCheckServiceCollectionExtensions
{
    /// <summary>The URL check over intake's reader, judge and guard (registered by AddTrax).</summary>
    public static IServiceCollection AddPostbackCheck(this IServiceCollection services) =>
        services.AddSingleton<PostbackChecker>();
}
