namespace Trax.Reports;

/// <summary>Brings stored conversions into the day index, a page per call (function key): <c>POST /api/reports/reindex</c>.</summary>
public sealed class ReindexConversions(ConversionReindex reindex)
{
    [Function(nameof(ReindexConversions))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/reports/reindex")] HttpRequest request,
        CancellationToken cancellationToken)
        => reindex.HandleAsync(request, cancellationToken);
}
