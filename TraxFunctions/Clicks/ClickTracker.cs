using Trax.Http;
using Trax.Input;
using Trax.Links;
using Trax.Telemetry;

namespace Trax.Clicks;

/// <summary>
/// The handler behind <c>/go/{linkId}</c>: find the link, mint a click id, store the click, redirect. The click is
/// stored before the answer, so a conversion can never beat its click. When the click cannot be stored the visitor
/// is redirected all the same and the click is logged and counted as lost: a visitor stranded on an error page is
/// worse than a lost click, so this is the one place where a storage fault does not become a 503. HEAD and bots are
/// redirected without a click. Only an unknown or disabled link (404), or a link never read while storage is down
/// (503, from the middleware), stops a visitor.
/// </summary>
public sealed class ClickTracker(
    LinkCache links,
    ClickStore clicks,
    ClickDayStore days,
    ClickFactory factory,
    IClickIdGenerator ids,
    ClientAddress clientAddress,
    TraxMetrics metrics,
    TimeProvider time,
    IOptions<TraxOptions> options,
    ILogger<ClickTracker> logger)
{
    private const int MaxIdAttempts = 3;

    public async Task<IActionResult> RedirectAsync(HttpRequest request, string linkId, CancellationToken cancellationToken)
    {
        if (LinkId.Normalize(linkId) is not { } id)
        {
            return Answers.Rejected(LinkRejections.UnknownLink);
        }

        // One budget for the request: every storage call the visitor waits for spends from it, so storage that hangs
        // holds the visitor that long in all, not that long per call.
        using var budget = Budget(cancellationToken);
        var lookup = await links.FindAsync(id, budget.Token);

        if (lookup.Stale is { } stale)
        {
            Log.StaleLink(logger, stale.Failure, id, Math.Round(stale.Age.TotalSeconds));
        }

        if (lookup.Link is not { Enabled: true } link)
        {
            Log.UnknownLink(logger, id);
            return Answers.Rejected(LinkRejections.UnknownLink);
        }

        var clickId = ids.NewClickId();
        if (HttpMethods.IsHead(request.Method))
        {
            return Redirect(link, clickId);
        }

        if (BotDetector.Match(request.Headers.UserAgent.ToString()) is { } bot)
        {
            metrics.BotRedirected(link.Id, bot);
            Log.Bot(logger, link.Id, bot);
            return Redirect(link, clickId);
        }

        var query = request.Query;
        var click = factory.Create(
            new ClickDetails(clickId, time.GetUtcNow(), "go")
            {
                Link = link,
                Source = query["source"],
                SubIds = [.. ClickFactory.SubIdNames.Select(name => query[name])],
                Referer = request.Headers.Referer.ToString(),
                UserAgent = request.Headers.UserAgent.ToString(),
                Ip = clientAddress.Of(request),
                Cost = query["cost"],
                CostCurrency = query["currency"],
            },
            new Warnings());
        // Insert-if-absent. A conflict would mean two 128-bit random ids met: the click gets a new id rather than
        // overwriting someone else's, and the visitor always goes on with the id last tried, never a taken one.
        for (var attempt = 1; attempt <= MaxIdAttempts; attempt++)
        {
            try
            {
                if (await TryAddCountedAsync(click, budget.Token, cancellationToken))
                {
                    metrics.ClickRecorded(link.Id);
                    Log.Recorded(logger, link.Id, click.ClickId);
                    return Redirect(link, click.ClickId);
                }
            }
            catch (Exception ex) when (StorageFault.Is(ex, cancellationToken))
            {
                Log.Lost(logger, ex, link.Id, click.ClickId);
                metrics.ClickLost(link.Id);
                return Redirect(link, click.ClickId);
            }

            Log.Collision(logger, click.ClickId);
            click = click with { ClickId = ids.NewClickId() };
        }

        // Every id tried was someone else's (a broken generator): the last one minted has not been tried.
        metrics.ClickLost(link.Id);
        return Redirect(link, click.ClickId);
    }

    /// <summary>
    /// Stores the click and counts it (its row in the Traffic table's day partition) in parallel, so the redirect
    /// waits for one round trip as before. The count follows the click: a count whose click could not be stored is
    /// taken back, and so is one whose write failed, since it may have landed all the same; a click stored but not
    /// counted is logged (event 3020). The recount makes good what is left either way.
    /// </summary>
    private async Task<bool> TryAddCountedAsync(Click click, CancellationToken cancellationToken, CancellationToken requestAborted)
    {
        var stored = clicks.TryAddAsync(click, cancellationToken);
        var counted = days.TryAddAsync(click, cancellationToken);
        try
        {
            await Task.WhenAll(stored, counted);
        }
        catch (Exception) when (stored.IsCompleted && counted.IsCompleted)
        {
            // Each outcome is looked at below.
        }

        var storedIt = stored.IsCompletedSuccessfully && (stored.Result || await IsOwnInsertAsync(click, cancellationToken));

        // A count that failed may still have landed (a timeout, an answer lost): unless the click met another click's
        // id, whose count this row may be, it is taken back like one that surely landed.
        var mayHaveCounted = counted.IsCompletedSuccessfully ? counted.Result : !stored.IsCompletedSuccessfully;
        if (mayHaveCounted && !storedIt)
        {
            // Not our click (lost, or an id that was taken): it must not be counted under our dimensions.
            // A budget of its own: the request's may be what ran out, and a cancelled token would never send the delete.
            try
            {
                using var undo = Budget(requestAborted);
                await days.RemoveAsync(click, undo.Token);
            }
            catch (Exception ex) when (StorageFault.Is(ex, requestAborted))
            {
                Log.CountNotTakenBack(logger, ex, click.ClickId);
            }
        }
        else if (storedIt && !counted.IsCompletedSuccessfully)
        {
            Log.Uncounted(logger, counted.Exception?.GetBaseException(), click.Attributes.LinkId ?? "", click.ClickId);
        }

        // Rethrows the click's own fault, for the caller's lost-click path.
        await stored;
        return storedIt;
    }

    /// <summary>
    /// Whether the click an insert met is this one: the SDK retried an insert whose answer was lost and met its own
    /// write. Random 128-bit ids meet by chance practically never, so that is what a conflict nearly always is; taken
    /// for someone else's id, the visit would be stored twice (a click under a new id, and this one, uncounted).
    /// </summary>
    private async Task<bool> IsOwnInsertAsync(Click click, CancellationToken cancellationToken) =>
        await clicks.FindAsync(click.ClickId, cancellationToken) is { } there
            && there.ClickedAt == click.ClickedAt && there.Via == click.Via && there.Attributes == click.Attributes;

    /// <summary>The redirect's storage budget, on the app's clock, ended early when the request is aborted.</summary>
    private Deadline Budget(CancellationToken requestAborted) =>
        new(TimeSpan.FromMilliseconds(options.Value.RedirectStorageTimeoutMilliseconds), time, requestAborted);

    private static RedirectAnswer Redirect(Link link, string clickId) => Answers.Redirect(LinkTemplate.Expand(link.Destination, clickId));

    private sealed class Deadline : IDisposable
    {
        private readonly CancellationTokenSource timer;
        private readonly CancellationTokenSource linked;

        public Deadline(TimeSpan budget, TimeProvider time, CancellationToken requestAborted)
        {
            timer = new CancellationTokenSource(budget, time);
            linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, requestAborted);
        }

        public CancellationToken Token => linked.Token;

        public void Dispose()
        {
            linked.Dispose();
            timer.Dispose();
        }
    }
}
