using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trax.Http;
using Trax.Postbacks;

namespace Trax.Links;

/// <summary>
/// The handler behind <c>/api/links</c>: GET lists (or reads one), POST creates (409 when the id is taken), PUT
/// creates or replaces, DELETE removes. Bad input is a 400 with a reason code; an unreachable table a 503.
/// </summary>
public sealed class LinkAdmin(
    LinkStore store,
    LinkCache cache,
    TimeProvider time,
    IOptions<TraxOptions> options,
    ILogger<LinkAdmin> logger)
{
    public async Task<IActionResult> HandleAsync(HttpRequest request, string? id, CancellationToken cancellationToken)
    {
        var method = request.Method;
        Link? link = null;
        string? linkId = null;
        if (HttpMethods.IsPost(method) || HttpMethods.IsPut(method))
        {
            if (HttpMethods.IsPut(method) && id is null)
            {
                return Refuse(method, id, LinkRejections.MissingLinkId);
            }

            var (parsed, rejection) = await ReadAsync(request, cancellationToken);
            var validation = rejection is null ? LinkValidator.Validate(parsed!, id) : default;
            if ((rejection ?? validation.Rejection) is { } refused)
            {
                return Refuse(method, id, refused);
            }

            link = validation.Link!;
        }
        else if (id is not null)
        {
            linkId = LinkId.Normalize(id);
            if (linkId is null)
            {
                return Refuse(method, id, LinkRejections.InvalidLinkId);
            }
        }
        else if (HttpMethods.IsDelete(method))
        {
            return Refuse(method, id, LinkRejections.MissingLinkId);
        }

        try
        {
            return method.ToUpperInvariant() switch
            {
                "POST" => await CreateAsync(link!, cancellationToken),
                "PUT" => await SaveAsync(link!, cancellationToken),
                "DELETE" => await DeleteAsync(linkId!, cancellationToken),
                _ when linkId is not null => await GetAsync(linkId, cancellationToken),
                _ => new JsonAnswer<LinkListBody>(StatusCodes.Status200OK, new LinkListBody("ok", await store.ListAsync(cancellationToken)),
                    LinksJsonContext.Default.LinkListBody),
            };
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.StorageUnavailable(logger, ex, method, link?.Id ?? linkId);
            return ErrorAnswers.StorageUnavailable(options.Value.RetryAfterSeconds,
                "The links table could not be reached, so the change may not have been made. Retry later: every links call is safe to repeat.");
        }
    }

    private async Task<IActionResult> GetAsync(string id, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } link
            ? LinkAnswer(StatusCodes.Status200OK, "ok", link)
            : Refuse("GET", id, LinkRejections.UnknownLink);

    private async Task<IActionResult> CreateAsync(Link link, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var created = link with { CreatedAt = now, UpdatedAt = now };
        if (!await store.AddAsync(created, cancellationToken))
        {
            return Refuse("POST", link.Id, LinkRejections.LinkExists);
        }

        cache.Remember(created);
        Log.Saved(logger, created.Id, "created");
        return LinkAnswer(StatusCodes.Status201Created, "created", created);
    }

    private async Task<IActionResult> SaveAsync(Link link, CancellationToken cancellationToken)
    {
        if (await store.SaveAsync(link, time.GetUtcNow(), cancellationToken) is not { } saved)
        {
            return Refuse("PUT", link.Id, LinkRejections.ConcurrentUpdate);
        }

        cache.Remember(saved.Link);
        Log.Saved(logger, saved.Link.Id, saved.Created ? "created" : "replaced");
        return saved.Created
            ? LinkAnswer(StatusCodes.Status201Created, "created", saved.Link)
            : LinkAnswer(StatusCodes.Status200OK, "updated", saved.Link);
    }

    private async Task<IActionResult> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var deleted = await store.DeleteAsync(id, cancellationToken);
        cache.Forget(id);
        if (!deleted)
        {
            return Refuse("DELETE", id, LinkRejections.UnknownLink);
        }

        Log.Saved(logger, id, "deleted");
        return new JsonAnswer<LinkDeletedBody>(StatusCodes.Status200OK, new LinkDeletedBody("deleted", id), LinksJsonContext.Default.LinkDeletedBody);
    }

    private static async Task<(LinkRequest? Request, Rejection? Rejection)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, LinkRejections.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return (null, LinkRejections.BodyTooLarge);
        }

        try
        {
            return JsonSerializer.Deserialize(body, LinksJsonContext.Default.LinkRequest) is { } parsed
                ? (parsed, null)
                : (null, LinkRejections.InvalidBody);
        }
        catch (JsonException ex)
        {
            return (null, LinkRejections.InvalidBody with { Message = $"{LinkRejections.InvalidBody.Message} {ex.Message}" });
        }
    }

    private IActionResult Refuse(string method, string? id, Rejection rejection)
    {
        Log.Rejected(logger, method, id, rejection.Reason);
        return ErrorAnswers.Rejected(rejection);
    }

    private static JsonAnswer<LinkBody> LinkAnswer(int status, string outcome, Link link) =>
        new(status, new LinkBody(outcome, link), LinksJsonContext.Default.LinkBody)
        {
            Location = status == StatusCodes.Status201Created ? "/api/links/" + link.Id : null,
        };
}
