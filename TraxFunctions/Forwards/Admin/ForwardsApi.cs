namespace Trax.Forwards;

/// <summary>Manages forwards (function key): one function per verb on <c>/api/forwards</c> and below.</summary>
public sealed class ForwardsApi(ForwardAdmin admin)
{
    [Function(nameof(ListForwards))]
    public Task<IActionResult> ListForwards(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/forwards")] HttpRequest request, CancellationToken cancellationToken)
        => admin.ListAsync(cancellationToken);

    [Function(nameof(GetForward))]
    public Task<IActionResult> GetForward(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/forwards/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
        => admin.GetAsync(id, cancellationToken);

    [Function(nameof(PutForward))]
    public Task<IActionResult> PutForward(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "api/forwards/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
        => admin.SaveAsync(request, id, cancellationToken);

    [Function(nameof(DeleteForward))]
    public Task<IActionResult> DeleteForward(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "api/forwards/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
        => admin.DeleteAsync(id, cancellationToken);

    [Function(nameof(ListForwardDeliveries))]
    public Task<IActionResult> ListForwardDeliveries(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/forwards/{id}/deliveries")] HttpRequest request, string id, CancellationToken cancellationToken)
        => admin.DeliveriesAsync(request, id, cancellationToken);

    [Function(nameof(ReplayForward))]
    public Task<IActionResult> ReplayForward(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/forwards/{id}/replay")] HttpRequest request, string id, CancellationToken cancellationToken)
        => admin.ReplayAsync(request, id, cancellationToken);
}
