namespace Trax.PostbackLog;

/// <summary>The postback log of one day, newest first, filtered and paged (function key required).</summary>
public sealed class ListPostbacks(PostbackLogQuery query)
{
    [Function(nameof(ListPostbacks))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/postbacks")] HttpRequest request,
        CancellationToken cancellationToken)
        => query.HandleAsync(request, cancellationToken);
}
