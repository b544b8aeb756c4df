using Trax.Storage;

namespace Trax.Monitoring;

/// <summary>
/// Whether Trax can work right now: every queue and table it needs answers a cheap read. Run in parallel under a
/// short deadline, so a probe never hangs. Its answer is the health check's: a failure here is the result, not an error.
/// One probe answers every call for <see cref="Reuse"/>: the health check is anonymous, and a flood of it must not
/// become a flood of reads on the storage account the postbacks need.
/// </summary>
public sealed class StorageHealth(IEnumerable<IStorageResource> resources, TimeProvider time, ILogger<StorageHealth> logger)
{
    /// <summary>Longer than a healthy answer takes, shorter than a load balancer's probe timeout.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    /// <summary>How long a probe's verdict answers later calls (probes come every 30 s or more).</summary>
    public static readonly TimeSpan Reuse = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private Task<bool>? last;
    private DateTimeOffset lastStarted;

    public Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        Task<bool> probe;
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (last is null || (last.IsCompleted && now - lastStarted >= Reuse))
            {
                // Not tied to this caller's token: other calls share the probe.
                last = ProbeAsync();
                lastStarted = now;
            }

            probe = last;
        }

        return probe.WaitAsync(cancellationToken);
    }

    private async Task<bool> ProbeAsync()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            await Task.WhenAll(resources.Select(r => r.ProbeAsync(deadline.Token)));
            return true;
        }
        catch (Exception ex)
        {
            Log.Unhealthy(logger, ex);
            return false;
        }
    }
}
