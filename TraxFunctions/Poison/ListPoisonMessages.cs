using Trax.Http;

namespace Trax.Poison;

/// <summary>
/// <c>GET /api/admin/poison</c>: the messages in the poison queue with the reason each cannot be processed.
/// Function key required.
/// </summary>
public sealed class ListPoisonMessages(PoisonMessages poison)
{
    [Function(nameof(ListPoisonMessages))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/admin/poison")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var messages = await poison.PeekAsync(PoisonMessages.MaxBatch, cancellationToken);
        return Answers.Ok(new PoisonListing(poison.QueueName, messages), PoisonJsonContext.Default.PoisonListing);
    }
}
