using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Trax.Conversions;
using Trax.Postbacks;
using Trax.Storage;

namespace Trax.PostbackLog;

/// <summary>
/// Writes the postback log. The processor records each queued postback's outcome after its conversion insert, in
/// one round trip: the log row, plus the day-index row when the outcome counts, as one entity-group transaction
/// (same partition), so the two are never apart. The HTTP function records each rejected postback before it
/// answers, bounded by <see cref="RejectedWriteTimeout"/> and never failing the answer.
/// </summary>
public sealed class PostbackLogWriter(TraxTables tables, TimeProvider time, ILogger<PostbackLogWriter> logger)
{
    /// <summary>
    /// The longest a 400 waits for its log row. A table write takes milliseconds; past this the row is dropped
    /// (and the drop logged) rather than keep a network waiting for an answer that is already decided.
    /// </summary>
    public static readonly TimeSpan RejectedWriteTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Records a postback whose conversion this processing stored. Insert-or-replace with content taken from the
    /// message and the conversion, so a redelivery rewrites the same rows with the same values.
    /// </summary>
    public async Task RecordStoredAsync(
        PostbackMessage message, ConversionEntity conversion, ConversionOutcome outcome, CancellationToken cancellationToken)
    {
        var name = PostbackOutcomes.Of(outcome);
        var row = PostbackLogEntity.ForStored(message, conversion, name);
        if (!PostbackOutcomes.IsCounted(name))
        {
            await tables.PostbackLog.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
            return;
        }

        await tables.PostbackLog.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, row),
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, ConversionDayEntity.From(conversion)),
            ],
            cancellationToken);
    }

    /// <summary>
    /// An orphan became an attributed conversion (its click was registered late): its postback's log row now says
    /// <c>created</c> and the conversion is counted, both in one transaction (same partition), as if the click had
    /// been known when the postback was processed. Idempotent: a retry rewrites the same values.
    /// </summary>
    public async Task RecordReattributedAsync(ConversionEntity conversion, CancellationToken cancellationToken)
    {
        var outcome = PostbackOutcomes.Of(ConversionProcessor.OutcomeOf(conversion));
        var logRow = new TableEntity(Keys.LogPartition(conversion.ReceivedAt, conversion.PostbackId), Keys.LogRow(conversion.ReceivedAt, conversion.PostbackId))
        {
            [nameof(PostbackLogEntity.Outcome)] = outcome,
        };
        List<TableTransactionAction> actions = [new(TableTransactionActionType.UpsertMerge, logRow)];
        if (PostbackOutcomes.IsCounted(outcome))
        {
            actions.Add(new(TableTransactionActionType.UpsertReplace, ConversionDayEntity.From(conversion)));
        }

        await tables.PostbackLog.SubmitTransactionAsync(actions, cancellationToken);
    }

    /// <summary>
    /// The conversion insert answered 409. One point read tells whose conversion it is: this postback's own (an
    /// earlier delivery stored it and failed before its log write, or the SDK retried an insert that had
    /// succeeded) heals the missing log and index rows; anyone else's makes this postback a duplicate of it.
    /// </summary>
    public async Task RecordConflictAsync(
        PostbackMessage message,
        ConversionEntity attempted,
        Func<ConversionEntity, ConversionOutcome> outcomeOf,
        CancellationToken cancellationToken)
    {
        var read = await tables.Conversions.GetEntityIfExistsAsync<ConversionEntity>(
            attempted.PartitionKey, attempted.RowKey, cancellationToken: cancellationToken);
        if (!read.HasValue || read.Value is not { } stored)
        {
            // Deleted between the two calls: nothing to record against. Throwing lets the queue retry the message.
            throw new InvalidOperationException(
                $"Conversion {attempted.PartitionKey}/{attempted.RowKey} conflicted on insert but could not be read back.");
        }

        if (stored.PostbackId == message.Id)
        {
            Log.Healed(logger, message.Id);
            await RecordStoredAsync(message, stored, outcomeOf(stored), cancellationToken);
            return;
        }

        // The first write wins: a redelivered duplicate keeps the row (and processing time) it was given.
        try
        {
            await tables.PostbackLog.AddEntityAsync(PostbackLogEntity.ForDuplicate(message, stored, time.GetUtcNow()), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == TableErrorCode.EntityAlreadyExists)
        {
        }
    }

    /// <summary>
    /// Records a refused callback. Returns false (and logs why) when the row could not be written in time; it
    /// never throws, so that a storage problem can never turn the 400 into a 5xx.
    /// </summary>
    public async Task<bool> TryRecordRejectedAsync(
        ConversionType type, HttpRequest request, PostbackRequest read, Rejection rejection, CancellationToken cancellationToken)
    {
        var receivedAt = time.GetUtcNow();
        var id = Guid.CreateVersion7(receivedAt).ToString("N");
        try
        {
            var entity = PostbackLogEntity.ForRejected(id, receivedAt, type, rejection, RejectedFieldsOf(request, read));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(RejectedWriteTimeout);
            await tables.PostbackLog.AddEntityAsync(entity, timeout.Token);
            return true;
        }
        catch (Exception ex)
        {
            Log.RejectedNotLogged(logger, ex, type.ToName(), rejection.Reason, id);
            return false;
        }
    }

    internal static RejectedFields RejectedFieldsOf(HttpRequest request, PostbackRequest read)
    {
        // A request refused before parsing (too long, too large) has no parameters: read what the query holds.
        var parameters = read.Source is null ? new PostbackParameters(request.Query) : read.Parameters;
        var query = read.Source?.Query
            ?? PostbackRequestReader.RedactToken(request.QueryString.HasValue ? request.QueryString.Value![1..] : null);
        var truncated = query is { Length: > PostbackLimits.MaxQueryLength };
        return new RejectedFields(
            request.Method,
            FirstValue(parameters["clickid"]),
            FirstValue(parameters["network"]),
            FirstValue(parameters["program"]),
            truncated ? query![..PostbackLimits.MaxQueryLength] : query,
            truncated,
            read.Source?.Body);
    }

    /// <summary>The first non-blank value, bounded and without control characters: it is shown, not trusted.</summary>
    private static string? FirstValue(StringValues values)
    {
        foreach (var raw in values)
        {
            var value = raw?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (value.Length > PostbackLimits.MaxFieldLength)
            {
                value = value[..PostbackLimits.MaxFieldLength];
            }

            return string.Create(value.Length, value, static (span, source) =>
            {
                for (var i = 0; i < source.Length; i++)
                {
                    span[i] = char.IsControl(source[i]) ? '\uFFFD' : source[i];
                }
            });
        }

        return null;
    }
}
