namespace Trax.Uploads;

/// <summary>Conversion corrections as CSV (function key): <c>POST /api/conversions/upload</c>.</summary>
public sealed class UploadConversions(ConversionUpload upload)
{
    [Function(nameof(UploadConversions))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/conversions/upload")] HttpRequest request,
        CancellationToken cancellationToken)
        => upload.HandleAsync(request, cancellationToken);
}
