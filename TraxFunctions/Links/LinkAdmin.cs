using System.Text.Json;
using Trax.Http;
using Trax.Input;

namespace Trax.Links;

/// <summary>
/// The handlers behind <c>/api/links</c>: list, read one, create (409 when the id is taken), create or replace,
/// delete. Bad input is a 400 with a reason code; every call is safe to repeat.
/// </summary>
public sealed class LinkAdmin(LinkStore store, LinkCache cache, TimeProvider time, ILogger<LinkAdmin> logger)
{
    public async Task<IActionResult> ListAsync(CancellationToken cancellationToken) =>
        Answers.Ok(new LinkListBody("ok", await store.ListAsync(cancellationToken)), LinksJsonContext.Default.LinkListBody);

    public async Task<IActionResult> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (LinkId.Normalize(id) is not { } linkId)
        {
            return Refuse("GET", id, LinkRejections.InvalidLinkId);
        }

        return await store.FindAsync(linkId, cancellationToken) is { } link
            ? LinkAnswer(StatusCodes.Status200OK, "ok", link)
            : Refuse("GET", linkId, LinkRejections.UnknownLink);
    }

    public async Task<IActionResult> CreateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (link, rejection) = await ReadAsync(request, pathId: null, cancellationToken);
        if (rejection is not null)
        {
            return Refuse("POST", null, rejection);
        }

        var now = time.GetUtcNow();
        var created = link! with { CreatedAt = now, UpdatedAt = now };
        if (!await store.AddAsync(created, cancellationToken))
        {
            return Refuse("POST", link.Id, LinkRejections.LinkExists);
        }

        cache.Remember(created);
        Log.Saved(logger, created.Id, "created");
        return LinkAnswer(StatusCodes.Status201Created, "created", created);
    }

    public async Task<IActionResult> SaveAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (link, rejection) = await ReadAsync(request, id, cancellationToken);
        if (rejection is not null)
        {
            return Refuse("PUT", id, rejection);
        }

        if (await store.SaveAsync(link!, time.GetUtcNow(), cancellationToken) is not { } saved)
        {
            return Refuse("PUT", link!.Id, LinkRejections.ConcurrentUpdate);
        }

        cache.Remember(saved.Link);
        Log.Saved(logger, saved.Link.Id, saved.Created ? "created" : "replaced");
        return saved.Created
            ? LinkAnswer(StatusCodes.Status201Created, "created", saved.Link)
            : LinkAnswer(StatusCodes.Status200OK, "updated", saved.Link);
    }

    public async Task<IActionResult> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        if (LinkId.Normalize(id) is not { } linkId)
        {
            return Refuse("DELETE", id, LinkRejections.InvalidLinkId);
        }

        var deleted = await store.DeleteAsync(linkId, cancellationToken);
        cache.Forget(linkId);
        if (!deleted)
        {
            return Refuse("DELETE", linkId, LinkRejections.UnknownLink);
        }

        Log.Saved(logger, linkId, "deleted");
        return Answers.Ok(new LinkDeletedBody("deleted", linkId), LinksJsonContext.Default.LinkDeletedBody);
    }

    /// <summary>The body as a valid link (its id from the path for PUT), or the reason it is not one.</summary>
    private static async Task<(Link? Link, Rejection? Rejection)> ReadAsync(HttpRequest request, string? pathId, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, LinkRejections.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return (null, LinkRejections.BodyTooLarge);
        }

        LinkRequest? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, LinksJsonContext.Default.LinkRequest);
        }
        catch (JsonException ex)
        {
            return (null, LinkRejections.InvalidBody with { Message = $"{LinkRejections.InvalidBody.Message} {ex.Message}" });
        }

        if (parsed is null)
        {
            return (null, LinkRejections.InvalidBody);
        }

        var validation = LinkValidator.Validate(parsed, pathId);
        return (validation.Link, validation.Rejection);
    }

    private IActionResult Refuse(string method, string? id, Rejection rejection)
    {
        // The id is the caller's, as sent in the route when it is refused: logged printable and bounded.
        Log.Rejected(logger, method, InputValues.Printable(id, Slug.MaxLength + 1), rejection.Reason);
        return Answers.Rejected(rejection);
    }

    private static JsonAnswer<LinkBody> LinkAnswer(int status, string outcome, Link link) =>
        Answers.Json(status, new LinkBody(outcome, link), LinksJsonContext.Default.LinkBody,
            location: status == StatusCodes.Status201Created ? "/api/links/" + link.Id : null);
}
