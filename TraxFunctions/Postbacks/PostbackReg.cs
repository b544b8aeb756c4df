using Trax.Core;

namespace Trax.Postbacks;

/// <summary>A network reports a registration for one of our click ids.</summary>
public sealed class PostbackReg(PostbackIngest ingest)
{
    [Function(nameof(PostbackReg))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "wp-json/trax/v1/reg")] HttpRequest request,
        CancellationToken cancellationToken)
        => ingest.HandleAsync(ConversionType.Reg, request, cancellationToken);
}
