using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Trax.Monitoring;

/// <summary>
/// <c>GET /api/health</c> for probes and uptime checks: 200 when storage answers, 503 when it does not. Anonymous,
/// so the answer names nothing (no queue, table, account or error); the log says what failed.
/// </summary>
public sealed class Health(StorageHealth health)
{
    [Function(nameof(Health))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request,
        CancellationToken cancellationToken)
        => await health.IsHealthyAsync(cancellationToken) ? HealthAnswer.Healthy : HealthAnswer.Unhealthy;
}
