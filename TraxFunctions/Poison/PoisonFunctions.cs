using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
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
        return new JsonAnswer<PoisonListing>(StatusCodes.Status200OK, new PoisonListing(poison.QueueName, messages),
            PoisonJsonContext.Default.PoisonListing);
    }
}

/// <summary>
/// <c>POST /api/admin/poison/replay[?id=&lt;message id&gt;][&amp;max=32]</c>: moves poison messages back to the
/// postback queue. Function key required.
/// </summary>
public sealed partial class ReplayPoisonMessages(PoisonMessages poison, ILogger<ReplayPoisonMessages> logger)
{
    [Function(nameof(ReplayPoisonMessages))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/admin/poison/replay")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var max = int.TryParse(request.Query["max"], out var requested) ? requested : PoisonMessages.MaxBatch;
        var id = request.Query["id"].ToString() is { Length: > 0 } value ? value : null;

        var replayed = await poison.ReplayAsync(max, id, cancellationToken);

        LogReplayed(logger, replayed.Count, poison.QueueName);
        return new JsonAnswer<PoisonReplay>(StatusCodes.Status200OK, new PoisonReplay(replayed.Count, replayed),
            PoisonJsonContext.Default.PoisonReplay);
    }

    [LoggerMessage(EventId = 7000, Level = LogLevel.Warning, Message = "Replayed {Count} messages from {PoisonQueue}")]
    private static partial void LogReplayed(ILogger logger, int count, string poisonQueue);
}

public sealed record PoisonListing(string Queue, IReadOnlyList<PoisonMessage> Messages);

public sealed record PoisonReplay(int Replayed, IReadOnlyList<string> Ids);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PoisonListing))]
[JsonSerializable(typeof(PoisonReplay))]
internal sealed partial class PoisonJsonContext : JsonSerializerContext;
