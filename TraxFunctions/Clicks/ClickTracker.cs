using Azure;
using Azure.Data.Tables.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trax.Http;
using Trax.Links;
using Trax.Monitoring;
using Trax.Postbacks;
using Trax.Storage;

namespace Trax.Clicks;

/// <summary>
/// The handler behind <c>/go/{linkId}</c>: find the link, mint a click id, store the click, redirect. The click is
/// stored before the answer, so a conversion can never beat its click; when storage fails the visitor is
/// redirected all the same and the click is logged and counted as lost. HEAD and bots are redirected without
/// a click. Only an unknown or disabled link (404), or a link never read while storage is down (503), stops a
/// visitor.
/// </summary>
public sealed class ClickTracker(
    LinkCache links,
    TraxTables tables,
    IClickIdGenerator ids,
    IpPrivacy ipPrivacy,
    TraxMetrics metrics,
    TimeProvider time,
    IOptions<TraxOptions> options,
    ILogger<ClickTracker> logger)
{
    private const int MaxIdAttempts = 3;

    public static readonly string[] SubIdNames = ["sub1", "sub2", "sub3", "sub4", "sub5"];

    public async Task<IActionResult> RedirectAsync(HttpRequest request, string linkId, CancellationToken cancellationToken)
    {
        var id = LinkId.Normalize(linkId);
        if (id is null)
        {
            return ErrorAnswers.Rejected(LinkRejections.UnknownLink);
        }

        LinkLookup lookup;
        try
        {
            using var budget = Budget(cancellationToken);
            lookup = await links.FindAsync(id, budget.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.LinkUnavailable(logger, ex, id);
            return ErrorAnswers.StorageUnavailable(options.Value.RetryAfterSeconds,
                "This link cannot be followed right now (storage is unreachable). Please try again in a moment.");
        }

        if (lookup.Stale is { } stale)
        {
            Log.StaleLink(logger, stale.Failure, id, Math.Round(stale.Age.TotalSeconds));
        }

        if (lookup.Link is not { Enabled: true } link)
        {
            Log.UnknownLink(logger, id);
            return ErrorAnswers.Rejected(LinkRejections.UnknownLink);
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

        var click = FromVisit(link, clickId, request, time.GetUtcNow(), ipPrivacy);
        try
        {
            await StoreAsync(click, cancellationToken);
            metrics.ClickRecorded(link.Id);
            Log.Recorded(logger, link.Id, click.ClickId);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.ClickLost(link.Id);
            Log.Lost(logger, ex, link.Id, click.ClickId);
        }

        return Redirect(link, click.ClickId);
    }

    /// <summary>The click a visit makes: the link's fields, the visit's source and sub-ids, a protected IP.</summary>
    public static ClickEntity FromVisit(Link link, string clickId, HttpRequest request, DateTimeOffset clickedAt, IpPrivacy ipPrivacy)
    {
        List<string>? warnings = null;
        var query = request.Query;
        var click = ClickEntity.Create(clickId, clickedAt);
        click.Via = "go";
        click.LinkId = link.Id;
        click.Network = link.Network;
        click.Program = link.Program;
        click.Campaign = link.Campaign;
        click.AttributionWindowDays = link.AttributionWindowDays;
        click.Source = PostbackValidator.ReadOptional(query["source"], "source", ref warnings)
            ?? SourceFromReferer(request.Headers.Referer.ToString());
        click.Sub1 = PostbackValidator.ReadOptional(query[SubIdNames[0]], SubIdNames[0], ref warnings);
        click.Sub2 = PostbackValidator.ReadOptional(query[SubIdNames[1]], SubIdNames[1], ref warnings);
        click.Sub3 = PostbackValidator.ReadOptional(query[SubIdNames[2]], SubIdNames[2], ref warnings);
        click.Sub4 = PostbackValidator.ReadOptional(query[SubIdNames[3]], SubIdNames[3], ref warnings);
        click.Sub5 = PostbackValidator.ReadOptional(query[SubIdNames[4]], SubIdNames[4], ref warnings);
        click.UserAgent = UserAgent(request.Headers.UserAgent.ToString());
        if (ClientAddress.From(request) is { } address)
        {
            (click.IpHash, click.IpPrefix) = ipPrivacy.Protect(address);
        }

        click.Warnings = warnings is null ? null : string.Join(';', warnings);
        return click;
    }

    /// <summary>The referring page without its query or fragment (which may hold personal data): origin + path.</summary>
    public static string? SourceFromReferer(string? referer)
    {
        if (!Uri.TryCreate(referer, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }

        var source = $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath}";
        return source.Length <= PostbackLimits.MaxFieldLength ? source : source[..PostbackLimits.MaxFieldLength];
    }

    public static string? UserAgent(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.AsSpan().ContainsAnyInRange('\u0000', '\u001F'))
        {
            return null;
        }

        return value.Length <= PostbackLimits.MaxUserAgentLength ? value : value[..PostbackLimits.MaxUserAgentLength];
    }

    /// <summary>
    /// Insert-if-absent. A conflict would mean two 128-bit random ids met: the new click gets a new id rather than
    /// overwriting someone else's.
    /// </summary>
    private async Task StoreAsync(ClickEntity click, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var budget = Budget(cancellationToken);
                await tables.Clicks.AddEntityAsync(click, budget.Token);
                return;
            }
            catch (RequestFailedException ex) when (ex.ErrorCode == TableErrorCode.EntityAlreadyExists && attempt < MaxIdAttempts)
            {
                Log.Collision(logger, click.ClickId);
                click.ClickId = ids.NewClickId();
                click.PartitionKey = Keys.ClickPartition(click.ClickId);
            }
        }
    }

    private CancellationTokenSource Budget(CancellationToken cancellationToken)
    {
        var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.Value.RedirectStorageTimeoutMilliseconds);
        return budget;
    }

    private static RedirectAnswer Redirect(Link link, string clickId) => new(LinkTemplate.Expand(link.Destination, clickId));
}
