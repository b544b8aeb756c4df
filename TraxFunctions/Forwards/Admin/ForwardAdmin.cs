using System.Text.Json;
using Trax.Conversions;
using Trax.Http;
using Trax.Input;
using Trax.Zones;

namespace Trax.Forwards;

/// <summary>
/// The handlers behind <c>/api/forwards</c>: list, read one, create or replace, delete, the delivery log of a day,
/// and a replay of one conversion. Bad input is a 400 with a reason code; every call is safe to repeat.
/// </summary>
public sealed class ForwardAdmin(
    ForwardStore store,
    ForwardCache cache,
    ForwardDeliveryStore deliveries,
    ForwardQueue queue,
    ForwardJobStore jobs,
    ConversionStore conversions,
    TimeZones zones,
    TimeProvider time,
    IOptions<ForwardingOptions> options,
    ILogger<ForwardAdmin> logger)
{
    public async Task<IActionResult> ListAsync(CancellationToken cancellationToken) =>
        Answers.Ok(new ForwardListBody("ok", [.. (await store.ListAsync(cancellationToken)).Select(ForwardView.Of)]), ForwardsJsonContext.Default.ForwardListBody);

    public async Task<IActionResult> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (Slug.Normalize(id) is not { } forwardId)
        {
            return Refuse("GET", id, ForwardRejections.InvalidForwardId);
        }

        return await store.FindAsync(forwardId, cancellationToken) is { } forward
            ? Answers.Ok(new ForwardBody("ok", ForwardView.Of(forward)), ForwardsJsonContext.Default.ForwardBody)
            : Refuse("GET", forwardId, ForwardRejections.UnknownForward);
    }

    public async Task<IActionResult> SaveAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, ForwardRejections.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Refuse("PUT", id, ForwardRejections.BodyTooLarge);
        }

        ForwardRequest? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, ForwardsJsonContext.Default.ForwardRequest);
        }
        catch (JsonException ex)
        {
            return Refuse("PUT", id, ForwardRejections.InvalidBody with { Message = $"{ForwardRejections.InvalidBody.Message} {ex.Message}" });
        }

        var (forward, rejection) = parsed is null
            ? (null, ForwardRejections.InvalidBody)
            : ForwardValidator.Validate(parsed, id, options.Value.AllowPrivateDestinations);
        if (rejection is not null)
        {
            return Refuse("PUT", id, rejection);
        }

        if (await store.SaveAsync(forward!, time.GetUtcNow(), cancellationToken) is not { } saved)
        {
            return Refuse("PUT", forward!.Id, ForwardRejections.ConcurrentUpdate);
        }

        cache.Invalidate();
        Log.Saved(logger, saved.Forward.Id, saved.Created ? "created" : "replaced");
        return Answers.Json(saved.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK,
            new ForwardBody(saved.Created ? "created" : "updated", ForwardView.Of(saved.Forward)), ForwardsJsonContext.Default.ForwardBody,
            location: saved.Created ? "/api/forwards/" + saved.Forward.Id : null);
    }

    public async Task<IActionResult> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        if (Slug.Normalize(id) is not { } forwardId)
        {
            return Refuse("DELETE", id, ForwardRejections.InvalidForwardId);
        }

        var deleted = await store.DeleteAsync(forwardId, cancellationToken);
        cache.Invalidate();
        if (!deleted)
        {
            return Refuse("DELETE", forwardId, ForwardRejections.UnknownForward);
        }

        Log.Saved(logger, forwardId, "deleted");
        return Answers.Ok(new ForwardDeletedBody("deleted", forwardId), ForwardsJsonContext.Default.ForwardDeletedBody);
    }

    public async Task<IActionResult> DeliveriesAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (Slug.Normalize(id) is not { } forwardId)
        {
            return Refuse("GET", id, ForwardRejections.InvalidForwardId);
        }

        var (query, rejection) = ForwardDeliveryQuery.Parse(forwardId, request.Query, zones);
        if (rejection is not null)
        {
            return Refuse("GET", forwardId, rejection);
        }

        var zone = query!.Days.Zone;
        var page = ReferenceEquals(zone, Zone.Utc)
            ? await deliveries.ReadPageAsync(query, cancellationToken)
            : await deliveries.ReadIntervalPageAsync(query, cancellationToken);
        IReadOnlyList<ForwardDelivery> items = [.. page.Items.Select(d => d.In(zone))];
        return Answers.Ok(
            new DeliveryListBody(forwardId, query.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), zone.Id, items.Count, items, page.ContinuationToken),
            ForwardsJsonContext.Default.DeliveryListBody);
    }

    /// <summary>Sends one conversion's current state to the forward again, as a job of its own (even if delivered before).</summary>
    public async Task<IActionResult> ReplayAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (Slug.Normalize(id) is not { } forwardId)
        {
            return Refuse("POST", id, ForwardRejections.InvalidForwardId);
        }

        var reader = new QueryReader(request.Query);
        var conversionId = reader.Required("conversion");
        if (reader.Rejection is { } missing)
        {
            return Refuse("POST", forwardId, missing);
        }

        if (ConversionKeys.ParseConversionId(conversionId) is not { } key)
        {
            return Refuse("POST", forwardId, ForwardRejections.InvalidConversionId);
        }

        var forward = await store.FindAsync(forwardId, cancellationToken);
        if (forward is null)
        {
            return Refuse("POST", forwardId, ForwardRejections.UnknownForward);
        }

        if (!forward.Enabled)
        {
            return Refuse("POST", forwardId, ForwardRejections.ForwardDisabled);
        }

        var (conversion, history) = await conversions.ReadAsync(key.ClickId, key.Key, cancellationToken);
        if (conversion is null)
        {
            return Refuse("POST", forwardId, ForwardRejections.UnknownConversion);
        }

        var job = await ReplayJobAsync(forward, conversion, history, cancellationToken);
        if (!await queue.TrySendAsync(job, delay: null, cancellationToken))
        {
            return Refuse("POST", forwardId, ForwardRejections.ConversionTooLarge);
        }

        Log.Saved(logger, forwardId, "replay queued");
        return Answers.Json(StatusCodes.Status202Accepted, new ForwardReplayBody("queued", forwardId, job.ConversionId, job.Id), ForwardsJsonContext.Default.ForwardReplayBody);
    }

    /// <summary>
    /// A replay is a job of its own, with a new idempotency key: the operator means the destination to hear it again.
    /// Except for a status the forward was never sent and does not take now (an orphan, for a forward of attributed
    /// conversions): the click's registration would queue that status's own job later, and the partner would hear it
    /// twice under two keys. Such a replay is that job (<see cref="StatusDecision"/>), so whichever comes first sends it.
    /// </summary>
    private async Task<ForwardJob> ReplayJobAsync(Forward forward, Conversion conversion, IReadOnlyList<HistoryEntry> history, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var own = ForwardJob.For(forward, StatusDecision.Decided(conversion, history), now) with { Replay = true };
        return !forward.Filters.Match(conversion) && await jobs.ReadAsync(own.Id, cancellationToken) is null
            ? own
            : ForwardJob.For(forward, conversion, now, replay: true);
    }

    private IActionResult Refuse(string method, string? id, Rejection rejection)
    {
        // The id is the caller's, as sent in the route when it is refused: logged printable and bounded.
        Log.Rejected(logger, method, InputValues.Printable(id, Slug.MaxLength + 1), rejection.Reason);
        return Answers.Rejected(rejection);
    }
}
