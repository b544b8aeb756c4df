using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trax.Monitoring;
using Trax.PostbackLog;

namespace Trax.Postbacks;

/// <summary>
/// The one handler behind the ftd, reg and sale functions: read, validate, queue, answer. It answers 200 only
/// after the queue service has stored the message, 400/413/414 for bad input (nothing queued, recorded in the
/// postback log) and 503 when storage cannot be reached, so that the network retries.
/// </summary>
public sealed class PostbackIngest(
    PostbackQueue queue,
    NetworkGuard guard,
    PostbackLogWriter postbackLog,
    TimeProvider time,
    IOptions<TraxOptions> options,
    TraxMetrics metrics,
    ILogger<PostbackIngest> logger)
{
    public async Task<IActionResult> HandleAsync(ConversionType type, HttpRequest request, CancellationToken cancellationToken)
    {
        var read = await PostbackRequestReader.ReadAsync(request, cancellationToken);
        var validation = read.Rejection is null ? PostbackValidator.Validate(type, read.Parameters) : default;
        var refusal = read.Rejection ?? validation.Rejection ?? guard.Check(validation.Postback!, read, request);
        if (refusal is { } rejection)
        {
            return await RefuseAsync(type, request, read, rejection, cancellationToken);
        }

        var message = PostbackMessage.Create(validation.Postback!, read.Source!, NewId(), time.GetUtcNow());
        try
        {
            await queue.SendAsync(message, cancellationToken);
        }
        catch (PostbackTooLargeException)
        {
            return await RefuseAsync(type, request, read, Rejection.PostbackTooLarge, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever failed (refused connection, timeout, 5xx after retries), nothing is known to be stored:
            // the network must retry, so this is a 503 and never a 200.
            Log.QueueUnavailable(logger, ex, type.ToName(), message.ClickId, message.Id);
            return PostbackAnswer.StorageUnavailable(options.Value.RetryAfterSeconds);
        }

        Log.Accepted(logger, type.ToName(), message.ClickId, message.Network, message.Id, message.Warnings?.Count ?? 0);
        metrics.PostbackAccepted(type, message.Network);
        return PostbackAnswer.Accepted(message);
    }

    private async Task<IActionResult> RefuseAsync(
        ConversionType type, HttpRequest request, PostbackRequest read, Rejection rejection, CancellationToken cancellationToken)
    {
        Log.Rejected(logger, type.ToName(), rejection.Reason);
        metrics.PostbackRejected(type, rejection.Reason);
        await postbackLog.TryRecordRejectedAsync(type, request, read, rejection, cancellationToken);
        return PostbackAnswer.Rejected(rejection);
    }

    /// <summary>Time-ordered, so ids sort by arrival in logs and tables.</summary>
    private static string NewId() => Guid.CreateVersion7().ToString("N");
}
