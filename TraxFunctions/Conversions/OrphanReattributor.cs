using Trax.Clicks;
using Trax.Storage;

namespace Trax.Conversions;

/// <summary>
/// When a click is registered after its conversions (clock skew, a plugin that registers late, a site that mints its
/// own click ids), those conversions were stored unattributed (orphans) in the click's partition, and counted so. One
/// query finds them; each is then attributed in place: its log row and its day-index row first, then the conversion
/// under its ETag, so a concurrent writer makes the update fail and the conversion is read again. It finishes or
/// throws (a 503 for the registration, a retry for a message): running it again changes nothing once it is done, so
/// a registration may be retried freely.
/// </summary>
public sealed class OrphanReattributor(
    ConversionStore conversions,
    ConversionJournal journal,
    TimeProvider time,
    ILogger<OrphanReattributor> logger) : IClickListener
{
    /// <summary>Each lost attempt means another postback changed the conversion meanwhile: a few are plenty, then the caller retries.</summary>
    private const int MaxAttempts = 8;

    /// <summary>The number of conversions this call attributed.</summary>
    public async Task<int> ClickRegisteredAsync(Click click, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var orphan in await conversions.OrphansAsync(click.ClickId, cancellationToken))
        {
            if ((await AttributeAsync(orphan, click, cancellationToken)).ByThisCall)
            {
                count++;
            }
        }

        if (count > 0)
        {
            Log.Reattributed(logger, click.ClickId, count);
        }

        return count;
    }

    /// <summary>
    /// Attributes one orphan to its click, and answers the conversion as it stands now: attributed by this call, or
    /// by a concurrent one that came first (which wrote the same rows). Throws <see cref="StorageContentionException"/>
    /// when other postbacks kept changing the conversion: nothing is left half done that a retry does not finish.
    /// </summary>
    public async Task<(Conversion Conversion, bool ByThisCall)> AttributeAsync(Conversion orphan, Click click, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            // Order: the postback log, the day index and the listeners learn it first, then the conversion stops being
            // an orphan, which is what the next registration looks for: a failure in between is healed by registering
            // again. Meanwhile the index says attributed while the conversion does not yet; every change of the
            // conversion's state merges into the index whatever its attribution, so the two never disagree on the state.
            var attributed = orphan.AttributedTo(click, time.GetUtcNow());
            await journal.AttributedAsync(attributed, cancellationToken);
            if (await conversions.TryReplaceAsync(attributed, cancellationToken))
            {
                return (attributed, true);
            }

            var fresh = await conversions.FindAsync(orphan.ClickId, orphan.Key, cancellationToken)
                ?? throw new InvalidOperationException($"Conversion {orphan.Key} of click {orphan.ClickId} disappeared while it was attributed.");
            if (!fresh.Orphan)
            {
                return (fresh, false);
            }

            // Another postback changed it (its state is merged into the index): attribute it as it is now.
            orphan = fresh;
        }

        Log.ReattributionGaveUp(logger, click.ClickId, orphan.Key);
        throw new StorageContentionException($"Conversion {orphan.Key} of click {orphan.ClickId} kept changing while it was attributed; retry.");
    }
}
