using Trax.Http;

namespace Trax.Monitoring;

/// <summary>
/// <c>GET /api/health</c> (anonymous, for probes): 200 <c>healthy</c> or 503 <c>unhealthy</c>, and nothing else;
/// the 503 carries <c>Retry-After</c> as every other 503 of Trax does.
/// </summary>
public sealed class Health(StorageHealth health, IOptions<TraxOptions> options)
{
    [Function(nameof(Health))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request,
        CancellationToken cancellationToken)
        => await health.IsHealthyAsync(cancellationToken)
            ? Answers.Status(StatusCodes.Status200OK, "healthy")
            : Answers.Status(StatusCodes.Status503ServiceUnavailable, "unhealthy", options.Value.RetryAfterSeconds);
}
