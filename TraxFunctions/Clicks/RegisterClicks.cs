namespace Trax.Clicks;

/// <summary>Registers clicks minted elsewhere (function key): <c>POST /api/clicks</c>, one click or an array.</summary>
public sealed class RegisterClicks(ClickRegistrar registrar)
{
    [Function(nameof(RegisterClicks))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/clicks")] HttpRequest request,
        CancellationToken cancellationToken)
        => registrar.HandleAsync(request, cancellationToken);
}
