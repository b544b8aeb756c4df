using Trax.Core;
using Trax.Http;
using Trax.Input;
using Trax.PostbackLog;
using Trax.Telemetry;

namespace Trax.Postbacks;

/// <summary>
/// The one handler behind the ftd, reg and sale functions: read, validate, queue, answer. It answers 200 only after
/// the queue service has stored the message, and 4xx for bad input (nothing queued, recorded in the postback log).
/// When the queue cannot be reached the send throws and the middleware answers 503, so that the network retries.
/// </summary>
public sealed class PostbackIngest(
    PostbackRequestReader reader,
    PostbackQueue queue,
    NetworkGuard guard,
    StatusMap statuses,
    PostbackLogStore postbackLog,
    TraxMetrics metrics,
    ILogger<PostbackIngest> logger)
{
    /// <summary>
    /// The longest a refusal waits for its log row. A table write takes milliseconds; past this the row is dropped
    /// (and the drop logged) rather than keep a network waiting for an answer that is already decided.
    /// </summary>
    public static readonly TimeSpan RejectedLogTimeout = TimeSpan.FromSeconds(2);

    public async Task<IActionResult> HandleAsync(ConversionType type, HttpRequest httpRequest, CancellationToken cancellationToken)
    {
        var request = await reader.ReadAsync(httpRequest, cancellationToken);
        var (message, refusal) = Judge(type, request);
        if (message is null)
        {
            return await RefuseAsync(type, request, refusal!, cancellationToken);
        }

        if (!await queue.TrySendAsync(message, cancellationToken))
        {
            return await RefuseAsync(type, request, PostbackRejections.PostbackTooLarge, cancellationToken);
        }

        Log.Accepted(logger, type.ToName(), message.ClickId, message.Network, message.Id, message.Warnings?.Count ?? 0);
        metrics.PostbackAccepted(type.ToName(), message.Network);
        return Answers.Ok(PostbackAccepted.From(message), PostbackJsonAnswers.Default.PostbackAccepted);
    }

    /// <summary>
    /// Intake's verdict on a read request, before anything is sent or logged: the message it would queue, or why it
    /// is refused. The URL check (<c>POST /api/postbacks/check</c>) calls this too, with <paramref name="checkAddress"/>
    /// off, since its caller is an operator and not the network.
    /// </summary>
    public (PostbackMessage? Message, Rejection? Refusal) Judge(ConversionType type, PostbackRequest request, bool checkAddress = true)
    {
        var validation = request.Rejection is null ? PostbackValidator.Validate(type, request.Parameters, statuses) : default;
        if ((request.Rejection ?? validation.Rejection ?? guard.Check(validation.Postback!, request, checkAddress)) is { } refusal)
        {
            return (null, refusal);
        }

        return Carried(PostbackMessage.Create(validation.Postback!, request.Source, request.Id, request.ReceivedAt));
    }

    /// <summary>
    /// A message as queued, or why it cannot be: refused before queueing what could never be stored, since retrying
    /// could not help. The upload's rows go through this too.
    /// </summary>
    public static (PostbackMessage? Message, Rejection? Refusal) Carried(PostbackMessage message) =>
        PostbackLimits.IsCarried(message) ? (message, null) : (null, PostbackRejections.PostbackTooLarge);

    private async Task<IActionResult> RefuseAsync(ConversionType type, PostbackRequest request, Rejection rejection, CancellationToken cancellationToken)
    {
        Log.Rejected(logger, type.ToName(), rejection.Reason);
        metrics.PostbackRejected(type.ToName(), rejection.Reason);
        if (!await postbackLog.TryAddRejectedAsync(RejectedEntry(type, request, rejection), RejectedLogTimeout, cancellationToken))
        {
            Log.RejectedNotLogged(logger, type.ToName(), rejection.Reason, request.Id);
        }

        return Answers.Rejected(rejection);
    }

    /// <summary>What the log keeps of a refused request: raw values, bounded, never trusted.</summary>
    internal static PostbackLogEntry RejectedEntry(ConversionType type, PostbackRequest request, Rejection rejection)
    {
        var truncated = request.Query is { Length: > PostbackLimits.MaxQueryLength };
        return new PostbackLogEntry
        {
            PostbackId = request.Id,
            ReceivedAt = request.ReceivedAt,
            Type = type.ToName(),
            Outcome = PostbackOutcomes.Rejected,
            Reason = rejection.Reason,
            HttpStatus = rejection.StatusCode,
            ClickId = InputValues.Shown(request.Parameters["clickid"]),
            Network = InputValues.Shown(request.Parameters["network"]),
            Program = InputValues.Shown(request.Parameters["program"]),
            Source = request.Source with
            {
                Query = truncated ? request.Query![..PostbackLimits.MaxQueryLength] : request.Query,
                Body = StorableValues.IsStorable(request.Body) ? request.Body : request.Body![..StorableValues.MaxStringLength],
            },
            QueryTruncated = truncated,
        };
    }
}
