namespace Trax.Forwards;

/// <summary>
/// The enabled forwards as the processor sees them: read at most every <see cref="ForwardingOptions.CacheSeconds"/>
/// per instance, so a conversion costs no extra storage call when nothing changed. A forward saved on another
/// instance is seen within that time; one saved on this instance at once.
/// </summary>
public sealed class ForwardCache(ForwardStore store, TimeProvider time, IOptions<ForwardingOptions> options)
{
    private volatile Snapshot? snapshot;

    public async Task<IReadOnlyList<Forward>> EnabledAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (snapshot is { } current && now - current.ReadAt < TimeSpan.FromSeconds(options.Value.CacheSeconds))
        {
            return current.Forwards;
        }

        var forwards = (await store.ListAsync(cancellationToken)).Where(f => f.Enabled).ToList();
        snapshot = new Snapshot(forwards, now);
        return forwards;
    }

    /// <summary>This instance changed a forward: read them again next time.</summary>
    public void Invalidate() => snapshot = null;

    private sealed record Snapshot(IReadOnlyList<Forward> Forwards, DateTimeOffset ReadAt);
}
