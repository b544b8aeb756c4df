namespace Trax.Traffic;

/// <summary>Makes the click counts equal to the clicks stored (counts the uncounted, removes counts without a click), a page per call (function key): <c>POST /api/reports/traffic/recount</c>.</summary>
public sealed class RecountTraffic(TrafficRecount recount)
{
    [Function(nameof(RecountTraffic))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/reports/traffic/recount")] HttpRequest request,
        CancellationToken cancellationToken)
        => recount.HandleAsync(request, cancellationToken);
}
