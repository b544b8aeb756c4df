using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Trax.Links;

/// <summary>Manages links (function key): <c>GET|POST /api/links</c>, <c>GET|PUT|DELETE /api/links/{id}</c>.</summary>
public sealed class LinksApi(LinkAdmin admin)
{
    [Function(nameof(LinksApi))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", "put", "delete", Route = "api/links/{id?}")] HttpRequest request,
        string? id,
        CancellationToken cancellationToken)
        => admin.HandleAsync(request, id, cancellationToken);
}
