using Microsoft.Extensions.Primitives;
using Trax.Core;
using Trax.Http;
using Trax.Input;
using Trax.Postbacks;
using Trax.Telemetry;

namespace Trax.Uploads;

/// <summary>
/// Corrections an operator makes by hand: a CSV of conversions, each row validated as a postback is and queued as
/// one (method <c>UPLOAD</c>), so it has the same outcomes — created, updated, duplicate. Ids are minted in row
/// order when the file arrives: a later row, and the upload itself, is newer than anything received before it.
/// The answer lists every row: accepted (with its postback id), rejected (with the reason), or not queued because
/// storage could not be reached (then the answer is 503 and uploading the file again is safe).
/// </summary>
public sealed class ConversionUpload(
    PostbackQueue queue,
    StatusMap statuses,
    PostbackRequestReader reader,
    TimeProvider time,
    IOptions<TraxOptions> options,
    TraxMetrics metrics,
    ILogger<ConversionUpload> logger)
{
    public const string Method = PostbackMessage.UploadMethod;

    /// <summary>How many rows are sent to the queue at once.</summary>
    private const int SendConcurrency = 16;

    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypes.IsUtf8Csv(request.ContentType))
        {
            return Answers.Rejected(UploadRejections.UnsupportedMediaType);
        }

        var body = await RequestBody.ReadAsync(request, UploadRejections.MaxBytes, cancellationToken);
        var file = body is null ? new UploadFile([], UploadRejections.TooLarge) : UploadCsv.Read(body);
        if (file.Rejection is { } refused)
        {
            Log.Refused(logger, refused.Reason);
            return Answers.Rejected(refused);
        }

        var receivedAt = time.GetUtcNow();
        // The file's identity: a row uploaded again in the same file is the same row, not a newer word (docs/lifecycle.md).
        var fileHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body!));
        var source = reader.SourceOf(request, Method);
        var results = new UploadRowResult[file.Rows.Count];
        var messages = new List<(int Index, PostbackMessage Message)>();
        for (var i = 0; i < file.Rows.Count; i++)
        {
            var row = file.Rows[i];
            switch (Validate(row))
            {
                case (_, { } rejection):
                    results[i] = UploadRowResult.Rejected(row.Line, rejection);
                    break;
                case ({ } postback, _):
                    switch (PostbackIngest.Carried(PostbackMessage.Create(postback, source with { Body = row.Raw }, PostbackIds.New(receivedAt), receivedAt)
                        with { UploadFile = fileHash, UploadLine = row.Line }))
                    {
                        case (_, { } tooLarge):
                            results[i] = UploadRowResult.Rejected(row.Line, tooLarge);
                            break;
                        case ({ } message, _):
                            messages.Add((i, message));
                            break;
                    }

                    break;
            }
        }

        await SendAsync(file.Rows, messages, results, cancellationToken);
        var answer = UploadAnswer.From(results);
        Log.Uploaded(logger, results.Length, answer.Accepted, answer.Rejected, answer.NotQueued);
        metrics.UploadRows(answer.Accepted, answer.Rejected);
        return answer.NotQueued == 0
            ? Answers.Ok(answer, UploadJson.Default.UploadAnswer)
            : Answers.PartlyStored(answer, UploadJson.Default.UploadAnswer, options.Value.RetryAfterSeconds);
    }

    private (Postback? Postback, Rejection? Rejection) Validate(UploadRow row)
    {
        if (!ConversionTypeNames.TryParse(row.Fields["type"].Trim(), out var type))
        {
            return (null, UploadRejections.InvalidType);
        }

        var fields = row.Fields.ToDictionary(f => f.Key, f => new StringValues(f.Value), StringComparer.OrdinalIgnoreCase);
        var validation = PostbackValidator.Validate(type, new PostbackParameters(new QueryCollection(), fields), statuses);
        return (validation.Postback, validation.Rejection);
    }

    /// <summary>
    /// Queues the valid rows a few at a time. Once storage fails, the rest are not tried: each would fail the same
    /// way after the SDK's retries, and the operator is told which rows may be missing.
    /// </summary>
    private async Task SendAsync(
        IReadOnlyList<UploadRow> rows, List<(int Index, PostbackMessage Message)> messages, UploadRowResult[] results, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = SendConcurrency }, async (item, _) =>
            {
                var line = rows[item.Index].Line;
                if (stop.IsCancellationRequested)
                {
                    results[item.Index] = UploadRowResult.NotQueued(line);
                    return;
                }

                try
                {
                    results[item.Index] = await queue.TrySendAsync(item.Message, stop.Token)
                        ? UploadRowResult.Accepted(line, item.Message)
                        : UploadRowResult.Rejected(line, PostbackRejections.PostbackTooLarge);
                }
                catch (Exception ex) when (StorageFault.Is(ex, cancellationToken) || (ex is OperationCanceledException && stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
                {
                    results[item.Index] = UploadRowResult.NotQueued(line);
                    await stop.CancelAsync();
                }
            });
        }
        finally
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
