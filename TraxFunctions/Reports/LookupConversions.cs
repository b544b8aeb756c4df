namespace Trax.Reports;

/// <summary>Every conversion of one click id, with its attribution (function key required).</summary>
public sealed class LookupConversions(ConversionLookup lookup)
{
    [Function(nameof(LookupConversions))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/conversions")] HttpRequest request,
        CancellationToken cancellationToken)
        => lookup.HandleAsync(request, cancellationToken);
}
