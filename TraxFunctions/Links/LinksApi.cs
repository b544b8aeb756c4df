namespace Trax.Links;

/// <summary>Manages links (function key): one function per verb on <c>/api/links</c> and <c>/api/links/{id}</c>.</summary>
public sealed class LinksApi(LinkAdmin admin)
{
    [Function(nameof(ListLinks))]
    public Task<IActionResult> ListLinks(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/links")] HttpRequest request, CancellationToken cancellationToken)
        => admin.ListAsync(cancellationToken);

    [Function(nameof(CreateLink))]
    public Task<IActionResult> CreateLink(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/links")] HttpRequest request, CancellationToken cancellationToken)
        => admin.CreateAsync(request, cancellationToken);

    [Function(nameof(GetLink))]
    public Task<IActionResult> GetLink(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/links/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
        => admin.GetAsync(id, cancellationToken);

    [Function(nameof(PutLink))]
    public Task<IActionResult> PutLink(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "api/links/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
        => admin.SaveAsync(request, id, cancellationToken);

    [Function(nameof(DeleteLink))]
    public Task<IActionResult> DeleteLink(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "api/links/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
        => admin.DeleteAsync(id, cancellationToken);
}
