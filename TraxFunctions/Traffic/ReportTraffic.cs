namespace Trax.Traffic;

/// <summary>Clicks, conversions, CR, revenue, cost, profit, ROI and EPC over days, grouped by click dimensions, as JSON or CSV (function key).</summary>
public sealed class ReportTraffic(TrafficReport report)
{
    [Function(nameof(ReportTraffic))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/reports/traffic")] HttpRequest request,
        CancellationToken cancellationToken)
        => report.HandleAsync(request, cancellationToken);
}
