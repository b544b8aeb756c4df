namespace Trax.Networks;

/// <summary>The networks Trax's settings name and the macro syntaxes networks use, for the URL builder (function key required).</summary>
public sealed class ListNetworks(NetworkCatalogue catalogue)
{
    [Function(nameof(ListNetworks))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/networks")] HttpRequest request,
        CancellationToken cancellationToken)
        => Task.FromResult(catalogue.Answer());
}
