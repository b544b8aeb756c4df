namespace Trax.Traffic;

/// <summary>Traffic costs a source reports later, as CSV or JSON (function key): <c>POST /api/costs</c>.</summary>
public sealed class UploadCosts(CostUpload upload)
{
    [Function(nameof(UploadCosts))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/costs")] HttpRequest request,
        CancellationToken cancellationToken)
        => upload.HandleAsync(request, cancellationToken);
}
