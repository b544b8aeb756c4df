using Microsoft.Extensions.Configuration;
using Trax.Storage;

namespace Trax.Postbacks;

public static class PostbacksServiceCollectionExtensions
{
    /// <summary>The three postback endpoints' intake: request reading, the network guard and its settings, the queue.</summary>
    public static IServiceCollection AddPostbacks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PostbackSecurityOptions>()
            .Bind(configuration.GetSection(PostbackSecurityOptions.Section))
            .PostConfigure(TrimTokens)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PostbackSecurityOptions>, PostbackSecurityOptionsValidator>();
        services.AddQueue(o => o.QueueName, (queue, poison) => new PostbackQueue(queue, poison));
        services.AddSingleton<PostbackRequestReader>();
        services.AddSingleton<NetworkGuard>();
        services.AddSingleton<PostbackIngest>();
        return services;
    }

    /// <summary>
    /// A pasted secret often brings a newline or a space; the token a request offers is trimmed, so the configured
    /// one is too, or it could never match. A token of only spaces is kept as it is, so that the validator refuses
    /// it rather than read it as "no token" and leave the network open.
    /// </summary>
    private static void TrimTokens(PostbackSecurityOptions options)
    {
        foreach (var protection in options.Networks.Values)
        {
            if (protection.Token?.Trim() is { Length: > 0 } trimmed)
            {
                protection.Token = trimmed;
            }
        }
    }
}
