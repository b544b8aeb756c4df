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
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PostbackSecurityOptions>, PostbackSecurityOptionsValidator>();
        services.AddQueue(o => o.QueueName, (queue, poison) => new PostbackQueue(queue, poison));
        services.AddSingleton<PostbackRequestReader>();
        services.AddSingleton<NetworkGuard>();
        services.AddSingleton<PostbackIngest>();
        return services;
    }
}
