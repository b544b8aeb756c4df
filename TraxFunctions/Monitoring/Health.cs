using Trax.Http;

namespace Trax.Monitoring;

/// <summary><c>GET /api/health</c> (anonymous, for probes): 200 <c>healthy</c> or 503 <c>unhealthy</c>, and nothing else.</summary>
public sealed class Health(StorageHealth health)
{
    [Function(nameof(Health))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request,
        CancellationToken cancellationToken)
        => await health.IsHealthyAsync(cancellationToken)
            ? Answers.Status(StatusCodes.Status200OK, "healthy")
            : Answers.Status(StatusCodes.Status503ServiceUnavailable, "unhealthy");
}
