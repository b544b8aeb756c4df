using System.Collections.Concurrent;

namespace Trax.Links;

/// <summary>
/// The links as the redirect sees them. A link read less than <see cref="TraxOptions.LinkCacheSeconds"/> ago is
/// used without a storage call; an older one is read again, and used anyway if that read fails, because a
/// visitor sent on with a slightly old link beats a visitor stranded on an error page. Only links that exist
/// are kept (bounded by the Links table); unknown ids are read every time.
/// </summary>
public sealed class LinkCache(LinkStore store, TimeProvider time, IOptions<TraxOptions> options)
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>The link (null when unknown); throws only when storage fails and no copy was ever read.</summary>
    public async Task<LinkLookup> FindAsync(string id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var fresh = TimeSpan.FromSeconds(options.Value.LinkCacheSeconds);
        entries.TryGetValue(id, out var entry);
        if (entry is not null && now - entry.ReadAt < fresh)
        {
            return new LinkLookup(entry.Link, null);
        }

        Link? link;
        try
        {
            link = await store.FindAsync(id, cancellationToken);
        }
        catch (Exception ex) when (entry is not null)
        {
            return new LinkLookup(entry.Link, new StaleLink(ex, now - entry.ReadAt));
        }

        if (link is null)
        {
            entries.TryRemove(id, out _);
        }
        else
        {
            entries[id] = new Entry(link, now);
        }

        return new LinkLookup(link, null);
    }

    /// <summary>This instance saved the link: use it at once (other instances see it within the cache time).</summary>
    public void Remember(Link link) => entries[link.Id] = new Entry(link, time.GetUtcNow());

    public void Forget(string id) => entries.TryRemove(id, out _);

    private sealed record Entry(Link Link, DateTimeOffset ReadAt);
}

/// <summary>A found link (or null), and, when storage failed, the copy's age and the failure.</summary>
public sealed record LinkLookup(Link? Link, StaleLink? Stale);

public sealed record StaleLink(Exception Failure, TimeSpan Age);
