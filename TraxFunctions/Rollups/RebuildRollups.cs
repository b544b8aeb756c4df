namespace Trax.Rollups;

/// <summary>Rebuilds the rollups of a range of UTC days, a month per call (function key): <c>POST /api/reports/rebuild</c>.</summary>
public sealed class RebuildRollups(RollupRebuild rebuild)
{
    [Function(nameof(RebuildRollups))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/reports/rebuild")] HttpRequest request,
        CancellationToken cancellationToken)
        => rebuild.HandleAsync(request, cancellationToken);
}
