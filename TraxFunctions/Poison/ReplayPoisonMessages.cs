using Trax.Http;
using Trax.Input;

namespace Trax.Poison;

/// <summary>
/// <c>POST /api/admin/poison/replay[?id=&lt;message id&gt;][&amp;max=32]</c>: moves poison messages back to the
/// postback queue. Function key required. By id, the whole queue is searched (up to
/// <see cref="PoisonMessages.MaxSearched"/>), and an id not found is 404 <c>unknown-message</c>, never a 200 of nothing.
/// </summary>
public sealed partial class ReplayPoisonMessages(PoisonMessages poison, ILogger<ReplayPoisonMessages> logger)
{
    [Function(nameof(ReplayPoisonMessages))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/admin/poison/replay")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var query = new QueryReader(request.Query);
        var max = query.Number("max", 1, PoisonMessages.MaxBatch, ParameterRejections.InvalidNumber("max", 1, PoisonMessages.MaxBatch)) ?? PoisonMessages.MaxBatch;
        var id = query.Text("id");
        if (query.Rejection is { } rejection)
        {
            return Answers.Rejected(rejection);
        }

        if (id is not null)
        {
            var search = await poison.ReplayAsync(id, cancellationToken);
            if (!search.Replayed)
            {
                LogNotFound(logger, search.Searched, poison.QueueName);
                return Answers.Rejected(PoisonRejections.UnknownMessage(id, search));
            }

            LogReplayed(logger, 1, poison.QueueName);
            return Answers.Ok(new PoisonReplay(1, [id]), PoisonJsonContext.Default.PoisonReplay);
        }

        var replayed = await poison.ReplayAsync(max, cancellationToken);
        LogReplayed(logger, replayed.Count, poison.QueueName);
        return Answers.Ok(new PoisonReplay(replayed.Count, replayed), PoisonJsonContext.Default.PoisonReplay);
    }

    [LoggerMessage(EventId = 7000, Level = LogLevel.Warning, Message = "Replayed {Count} messages from {PoisonQueue}")]
    private static partial void LogReplayed(ILogger logger, int count, string poisonQueue);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Replay by id found no such message among {Searched} in {PoisonQueue}")]
    private static partial void LogNotFound(ILogger logger, int searched, string poisonQueue);
}
