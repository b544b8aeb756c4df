using Trax.Core;

namespace Trax.Postbacks;

/// <summary>A network reports a sale for one of our click ids.</summary>
public sealed class PostbackSale(PostbackIngest ingest)
{
    [Function(nameof(PostbackSale))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "wp-json/trax/v1/sale")] HttpRequest request,
        CancellationToken cancellationToken)
        => ingest.HandleAsync(ConversionType.Sale, request, cancellationToken);
}
