namespace Trax.Reports;

/// <summary>Conversion counts and payouts over days, grouped, as JSON or CSV (function key required).</summary>
public sealed class ReportConversions(ConversionReport report)
{
    [Function(nameof(ReportConversions))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/reports/conversions")] HttpRequest request,
        CancellationToken cancellationToken)
        => report.HandleAsync(request, cancellationToken);
}
