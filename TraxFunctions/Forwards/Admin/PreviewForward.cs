namespace Trax.Forwards;

/// <summary>The request a forward would send for a conversion, rendered and sent nowhere (function key required).</summary>
public sealed class PreviewForward(ForwardPreviewer previewer)
{
    [Function(nameof(PreviewForward))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/forwards/preview")] HttpRequest request,
        CancellationToken cancellationToken)
        => previewer.HandleAsync(request, cancellationToken);
}
