namespace Trax.ConversionSearch;

/// <summary>
/// What the console's conversion screens read besides the lookup (function key required): the search, a click's
/// postback log rows, a conversion's forward deliveries.
/// </summary>
public sealed class ConversionSearchApi(ConversionSearcher searcher, ClickPostbacks postbacks, ConversionDeliveries deliveries)
{
    [Function(nameof(SearchConversions))]
    public Task<IActionResult> SearchConversions(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/conversions/search")] HttpRequest request, CancellationToken cancellationToken)
        => searcher.HandleAsync(request, cancellationToken);

    [Function(nameof(ListConversionPostbacks))]
    public Task<IActionResult> ListConversionPostbacks(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/conversions/postbacks")] HttpRequest request, CancellationToken cancellationToken)
        => postbacks.HandleAsync(request, cancellationToken);

    [Function(nameof(ListConversionDeliveries))]
    public Task<IActionResult> ListConversionDeliveries(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/conversions/deliveries")] HttpRequest request, CancellationToken cancellationToken)
        => deliveries.HandleAsync(request, cancellationToken);
}
