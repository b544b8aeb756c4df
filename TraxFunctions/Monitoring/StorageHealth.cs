using Trax.Storage;

namespace Trax.Monitoring;

/// <summary>
/// Whether Trax can work right now: every queue and table it needs answers a cheap read. Run in parallel under a
/// short deadline, so a probe never hangs. Its answer is the health check's: a failure here is the result, not an error.
/// </summary>
public sealed class StorageHealth(IEnumerable<IStorageResource> resources, ILogger<StorageHealth> logger)
{
    /// <summary>Longer than a healthy answer takes, shorter than a load balancer's probe timeout.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            await Task.WhenAll(resources.Select(r => r.ProbeAsync(deadline.Token)));
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.Unhealthy(logger, ex);
            return false;
        }
    }
}
