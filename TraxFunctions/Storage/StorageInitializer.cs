using Microsoft.Extensions.Hosting;

namespace Trax.Storage;

/// <summary>
/// Creates the queues and tables at start-up, so that requests never pay for it. In Azure the Bicep template
/// creates them already and this is a cheap no-op; locally it prepares a fresh Azurite.
/// </summary>
public sealed partial class StorageInitializer(
    IEnumerable<IStorageResource> resources, IOptions<TraxOptions> options, ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.CreateStorageResources)
        {
            return;
        }

        try
        {
            foreach (var resource in resources)
            {
                await resource.CreateIfNotExistsAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not fatal: storage may come up after the app. Requests answer 503 until it does.
            LogCreateFailed(logger, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Could not create Trax queues and tables at start-up")]
    private static partial void LogCreateFailed(ILogger logger, Exception exception);
}
