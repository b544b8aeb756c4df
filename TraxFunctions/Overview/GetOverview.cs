namespace Trax.Overview;

/// <summary>What the console's overview needs besides the report: rejections, orphans, the processor's health (function key required).</summary>
public sealed class GetOverview(OverviewSummary summary)
{
    [Function(nameof(GetOverview))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/overview")] HttpRequest request,
        CancellationToken cancellationToken)
        => summary.HandleAsync(request, cancellationToken);
}
