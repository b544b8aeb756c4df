using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Microsoft.Extensions.Logging;
using Trax.Clicks;
using Trax.Monitoring;
using Trax.Postbacks;
using Trax.Storage;

namespace Trax.Conversions;

/// <summary>
/// Turns a queued postback into at most one conversion: one point read for the click, one insert-if-absent for
/// the conversion. Deduplication is the storage's unique key, so redelivery and racing copies are safe. Any other
/// storage failure is thrown, so the queue trigger retries the message (and finally poisons it), never loses it.
/// </summary>
public sealed class ConversionProcessor(TraxTables tables, TimeProvider time, TraxMetrics metrics, ILogger<ConversionProcessor> logger)
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
            return ConversionOutcome.Duplicate;
        }

        var latency = (conversion.ProcessedAt - message.ReceivedAt).TotalMilliseconds;
        Log.Created(logger, conversion.Type, message.ClickId, conversion.Orphan, message.Id, latency);
        metrics.ConversionStored(conversion.Type, conversion.Orphan, latency);
        return conversion.Orphan ? ConversionOutcome.CreatedOrphan : ConversionOutcome.Created;
    }
}
