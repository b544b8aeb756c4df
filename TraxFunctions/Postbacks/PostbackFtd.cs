using Trax.Core;

namespace Trax.Postbacks;

/// <summary>A network reports a first-time deposit for one of our click ids.</summary>
public sealed class PostbackFtd(PostbackIngest ingest)
{
    [Function(nameof(PostbackFtd))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "wp-json/trax/v1/ftd")] HttpRequest request,
        CancellationToken cancellationToken)
        => ingest.HandleAsync(ConversionType.Ftd, request, cancellationToken);
}
