namespace Trax.Clicks;

/// <summary>A visitor follows one of our affiliate links: <c>GET /go/{linkId}</c> (HEAD answers alike, records nothing).</summary>
public sealed class ClickRedirect(ClickTracker tracker)
{
    [Function(nameof(ClickRedirect))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "go/{linkId}")] HttpRequest request,
        string linkId,
        CancellationToken cancellationToken)
        => tracker.RedirectAsync(request, linkId, cancellationToken);
}
