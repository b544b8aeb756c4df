using Microsoft.Extensions.Logging;
using Trax.Clicks;
using Trax.Telemetry;
using Trax.PostbackLog;
using Trax.Postbacks;

namespace Trax.Conversions;

/// <summary>
/// Turns a queued postback into at most one conversion, and is the only place that decides what the postback was.
/// One point read for the click, one insert-if-absent for the conversion: deduplication is the storage's unique
/// key, so redelivery and racing copies are safe. The decision is then written to the postback log, returned,
/// logged and counted. Any storage failure is thrown, so the queue trigger retries the message (and finally
/// poisons it), never loses it.
/// </summary>
public sealed class ConversionProcessor(
    ClickStore clicks,
    ConversionStore conversions,
    PostbackLogStore postbackLog,
    OrphanReattributor orphans,
    TimeProvider time,
    TraxMetrics metrics,
    ILogger<ConversionProcessor> logger)
{
    public async Task<ProcessedPostback> ProcessAsync(PostbackMessage message, CancellationToken cancellationToken)
    {
        // Order: the insert decides which postback stores the conversion; the log row (and index row) follow it and
        // are written again when the message is redelivered, so a failure after the insert heals on the retry.
        var click = await clicks.FindAsync(message.ClickId, cancellationToken);
        var add = await conversions.TryAddAsync(Conversion.From(message, click, time.GetUtcNow()), cancellationToken);
        var processed = add.Added || add.Conversion.PostbackId == message.Id
            ? await RecordStoredAsync(add.Conversion, redelivered: !add.Added, cancellationToken)
            : await RecordDuplicateAsync(message, add.Conversion, cancellationToken);

        Report(message, processed);
        return processed;
    }

    private async Task<ProcessedPostback> RecordStoredAsync(Conversion conversion, bool redelivered, CancellationToken cancellationToken)
    {
        // A click registered between our read and our insert found no orphan to re-attribute: look once more.
        if (conversion.Orphan && await clicks.FindAsync(conversion.ClickId, cancellationToken) is { } lateClick)
        {
            conversion = await orphans.AttributeAsync(conversion, lateClick, cancellationToken) ?? conversion;
        }

        var (entry, rule, index) = PostbackLogEntries.ForStored(conversion);
        await postbackLog.WriteAsync(entry, rule, index, cancellationToken);
        return new ProcessedPostback(ProcessedPostback.OutcomeOf(conversion), conversion, redelivered);
    }

    private async Task<ProcessedPostback> RecordDuplicateAsync(PostbackMessage message, Conversion stored, CancellationToken cancellationToken)
    {
        await postbackLog.WriteAsync(PostbackLogEntries.ForDuplicate(message, stored, time.GetUtcNow()), LogWrite.KeepExisting, null, cancellationToken);
        return new ProcessedPostback(ConversionOutcome.Duplicate, stored);
    }

    private void Report(PostbackMessage message, ProcessedPostback processed)
    {
        var type = message.Type.ToName();
        if (processed.Redelivered)
        {
            // Counted when it was first stored; this delivery only made sure its log rows are there.
            Log.Healed(logger, message.Id, type, message.ClickId);
            return;
        }

        if (processed.Outcome == ConversionOutcome.Duplicate)
        {
            Log.Duplicate(logger, type, message.ClickId, message.Id, processed.Conversion.PostbackId);
            metrics.DuplicateIgnored(type);
            return;
        }

        var latency = (processed.Conversion.ProcessedAt - message.ReceivedAt).TotalMilliseconds;
        Log.Created(logger, type, message.ClickId, ProcessedPostback.LogName(processed.Outcome), message.Id, latency);
        metrics.ConversionStored(type, processed.Conversion.Orphan, latency);
    }
}
