using Microsoft.Extensions.Configuration;
using Trax.Storage;

namespace Trax.Poison;

public static class PoisonServiceCollectionExtensions
{
    /// <summary>The poison queue's API; its clients apply no encoding, because operators move poison messages byte for byte.</summary>
    public static IServiceCollection AddPoison(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(sp =>
        {
            var raw = StorageServiceCollectionExtensions.CreateRawQueueServiceClient(sp, configuration);
            var name = StorageServiceCollectionExtensions.TraxOptionsOf(sp).QueueName;
            return new PoisonMessages(raw.GetQueueClient(StorageServiceCollectionExtensions.PoisonQueueName(name)), raw.GetQueueClient(name));
        });
}
