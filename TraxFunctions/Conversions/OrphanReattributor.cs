using Microsoft.Extensions.Logging;
using Trax.Clicks;
using Trax.PostbackLog;

namespace Trax.Conversions;

/// <summary>
/// When a click is registered after its conversions (clock skew, a plugin that registers late), those conversions
/// were stored as orphans in the click's partition. One query finds them; each is then attributed under its ETag, so
/// a concurrent writer makes the update fail and the conversion is read again. Running it twice changes nothing the
/// second time, so a registration may be retried freely.
/// </summary>
public sealed class OrphanReattributor(
    ConversionStore conversions,
    PostbackLogStore postbackLog,
    IConversionListener listener,
    TimeProvider time,
    ILogger<OrphanReattributor> logger) : IClickListener
{
    private const int MaxAttempts = 3;

    /// <summary>The number of conversions this call attributed.</summary>
    public async Task<int> ClickRegisteredAsync(Click click, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var orphan in await conversions.OrphansAsync(click.ClickId, cancellationToken))
        {
            if (await AttributeAsync(orphan, click, cancellationToken) is not null)
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
    /// Attributes one orphan to its click: the conversion as stored now, or null when it is no longer an orphan (a
    /// concurrent registration attributed it, and wrote the same rows).
    /// </summary>
    public async Task<Conversion?> AttributeAsync(Conversion orphan, Click click, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Order: the postback log, the day index and the listeners learn it first, then the conversion stops being
            // an orphan, which is what the next registration looks for; a failure in between is healed by registering again.
            var attributed = orphan.AttributedTo(click, time.GetUtcNow());
            var (entry, rule, index) = PostbackLogEntries.ForStored(attributed, attributed.State);
            await postbackLog.WriteAsync(entry, rule, index, cancellationToken);
            if (index is not null)
            {
                // Before it stops being an orphan, like the log: a failure here is healed by registering again.
                await listener.ConversionCountedAsync(attributed, cancellationToken);
            }

            if (await conversions.TryReplaceAsync(attributed, cancellationToken))
            {
                return attributed;
            }

            var fresh = await conversions.FindAsync(orphan.ClickId, orphan.Key, cancellationToken);
            if (fresh is not { Orphan: true })
            {
                return null;
            }

            if (attempt == MaxAttempts)
            {
                Log.ReattributionGaveUp(logger, click.ClickId, orphan.Key);
                return null;
            }

            orphan = fresh;
        }
    }
}
