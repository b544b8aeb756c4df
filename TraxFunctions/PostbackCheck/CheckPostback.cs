namespace Trax.PostbackCheck;

/// <summary>A pasted postback URL judged by intake's own code, queuing and logging nothing (function key required).</summary>
public sealed class CheckPostback(PostbackChecker checker)
{
    [Function(nameof(CheckPostback))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/postbacks/check")] HttpRequest request,
        CancellationToken cancellationToken)
        => checker.HandleAsync(request, cancellationToken);
}
