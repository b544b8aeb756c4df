using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Microsoft.Extensions.Logging;
using Trax.Clicks;
using Trax.Monitoring;
using Trax.PostbackLog;
using Trax.Postbacks;
using Trax.Storage;

namespace Trax.Conversions;

/// <summary>
/// Turns a queued postback into at most one conversion: one point read for the click, one insert-if-absent for
/// the conversion. Deduplication is the storage's unique key, so redelivery and racing copies are safe. Any other
/// storage failure is thrown, so the queue trigger retries the message (and finally poisons it), never loses it.
/// The outcome then goes to the postback log (one more write; a 409 adds one read to tell a redelivery from a
/// duplicate), after the conversion, so a failure there retries the message and heals on redelivery.
/// </summary>
public sealed class ConversionProcessor(
    TraxTables tables, PostbackLogWriter postbackLog, TimeProvider time, TraxMetrics metrics, ILogger<ConversionProcessor> logger)
{
    public async Task<ConversionOutcome> ProcessAsync(PostbackMessage message, CancellationToken cancellationToken)
    {
        var partition = Keys.ClickPartition(message.ClickId);
        var click = await tables.Clicks.GetEntityIfExistsAsync<ClickEntity>(partition, Keys.ClickRow, cancellationToken: cancellationToken);
        var conversion = ConversionEntity.From(message, click.HasValue ? click.Value : null, time.GetUtcNow());

        try
        {
            await tables.Conversions.AddEntityAsync(conversion, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == TableErrorCode.EntityAlreadyExists)
        {
            Log.Duplicate(logger, conversion.Type, message.ClickId, message.Id);
            metrics.DuplicateIgnored(conversion.Type);
            await postbackLog.RecordConflictAsync(message, conversion, OutcomeOf, cancellationToken);
            return ConversionOutcome.Duplicate;
        }

        var outcome = OutcomeOf(conversion);
        await postbackLog.RecordStoredAsync(message, conversion, outcome, cancellationToken);
        var latency = (conversion.ProcessedAt - message.ReceivedAt).TotalMilliseconds;
        Log.Created(logger, conversion.Type, message.ClickId, conversion.Orphan, message.Id, latency);
        metrics.ConversionStored(conversion.Type, conversion.Orphan, latency);
        return outcome;
    }

    /// <summary>What storing this conversion was; the postback log also asks it of a conversion read back.</summary>
    internal static ConversionOutcome OutcomeOf(ConversionEntity conversion) =>
        conversion.Orphan ? ConversionOutcome.CreatedOrphan
        : conversion.OutsideWindow ? ConversionOutcome.CreatedOutsideWindow
        : ConversionOutcome.Created;
}
