using Microsoft.Extensions.Logging;
using Trax.Clicks;
using Trax.PostbackLog;
using Trax.Postbacks;
using Trax.Telemetry;

namespace Trax.Conversions;

/// <summary>
/// Turns a queued postback into a conversion or a change of one, and is the only place that decides what the postback
/// was. The first postback for a key creates the conversion (insert-if-absent: deduplication is the storage's unique
/// key); a later one updates its status or money if it is newer, is kept in its history if it is older (superseded),
/// or is a duplicate if it says nothing new. The decision is then written to the postback log, returned, logged and
/// counted. Any storage failure is thrown, so the queue trigger retries the message (and finally poisons it).
/// </summary>
public sealed class ConversionProcessor(
    ClickStore clicks,
    ConversionStore conversions,
    PostbackLogStore postbackLog,
    OrphanReattributor orphans,
    IConversionListener listener,
    StatusMap statuses,
    TimeProvider time,
    TraxMetrics metrics,
    ILogger<ConversionProcessor> logger)
{
    private const int MaxApplyAttempts = 8;

    public async Task<ProcessedPostback> ProcessAsync(PostbackMessage message, CancellationToken cancellationToken)
    {
        // Order: the insert (or the conditional update) with the postback's history row decides what it did; the log
        // row and the day index follow and are written again when the message is redelivered, so a failure after
        // the decision heals on the retry.
        var said = PostbackState.Of(message, statuses);
        var click = await clicks.FindAsync(message.ClickId, cancellationToken);
        var candidate = Conversion.From(message, click, time.GetUtcNow(), said);
        var add = await conversions.TryAddAsync(candidate, HistoryEntry.Created(message, candidate, said), cancellationToken);
        var processed = add switch
        {
            { Added: true } => await RecordStoredAsync(add.Conversion, candidate.State, redelivered: false, cancellationToken),
            _ when add.Conversion.PostbackId == message.Id =>
                await RecordStoredAsync(add.Conversion, add.Applied?.To ?? ConversionState.Of(said), redelivered: true, cancellationToken),
            { Applied: { } applied } => await RecordAppliedAsync(message, add.Conversion, applied, redelivered: true, cancellationToken),
            _ => await ApplyAsync(message, said, add.Conversion, cancellationToken),
        };

        Report(message, processed);
        return processed;
    }

    /// <summary>The creator's log row, and the day index holding the state it <paramref name="created"/> the conversion in.</summary>
    private async Task<ProcessedPostback> RecordStoredAsync(Conversion conversion, ConversionState created, bool redelivered, CancellationToken cancellationToken)
    {
        // A click registered between our read and our insert found no orphan to re-attribute: look once more.
        if (conversion.Orphan && await clicks.FindAsync(conversion.ClickId, cancellationToken) is { } lateClick)
        {
            if (await orphans.AttributeAsync(conversion, lateClick, cancellationToken) is { } attributed)
            {
                // Logged and indexed by the re-attribution, as it stands now.
                return new ProcessedPostback(ProcessedPostback.OutcomeOf(attributed), attributed, redelivered);
            }
        }

        var (entry, rule, index) = PostbackLogEntries.ForStored(conversion, created);
        await postbackLog.WriteAsync(entry, rule, index, cancellationToken);
        if (index is not null)
        {
            // Counted from its first postback: listeners hear of it in that postback's state.
            await listener.ConversionCountedAsync(conversion with { State = created }, cancellationToken);
        }

        return new ProcessedPostback(ProcessedPostback.OutcomeOf(conversion), conversion, redelivered);
    }

    /// <summary>
    /// A postback for a conversion another postback stored. Its effect (the new state, or none) and its history row
    /// are written together, conditional on the version read: a concurrent change makes it read again and decide again.
    /// </summary>
    private async Task<ProcessedPostback> ApplyAsync(PostbackMessage message, PostbackState said, Conversion stored, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > MaxApplyAttempts)
            {
                throw new InvalidOperationException($"Conversion {stored.Key} of click {stored.ClickId} kept changing; the message will be retried.");
            }

            var state = stored.State.Apply(said);
            if (state.SameAs(stored.State) && stored.State.Repeats(said))
            {
                // A repeat. When it is the newest word on the conversion it becomes the state's provenance, so an older
                // postback that says otherwise and arrives later cannot overrule it (the outcome is then the same in
                // any order). Conditional, like any change; a redelivery finds its own id there and writes nothing.
                if (state != stored.State && !await conversions.TryReplaceAsync(stored with { State = state }, cancellationToken))
                {
                    stored = await conversions.FindAsync(stored.ClickId, stored.Key, cancellationToken)
                        ?? throw new InvalidOperationException($"Conversion {stored.Key} of click {stored.ClickId} disappeared while it was updated.");
                    continue;
                }

                await postbackLog.WriteAsync(PostbackLogEntries.ForDuplicate(message, stored, time.GetUtcNow()), LogWrite.KeepExisting, null, cancellationToken);
                return new ProcessedPostback(ConversionOutcome.Duplicate, stored with { State = state });
            }

            var outcome = state.SameAs(stored.State) ? PostbackOutcomes.Superseded : PostbackOutcomes.Updated;
            var entry = new HistoryEntry
            {
                ConversionKey = stored.Key, PostbackId = message.Id, ReceivedAt = message.ReceivedAt, ProcessedAt = time.GetUtcNow(),
                Outcome = outcome, Said = said, From = stored.State, To = state, Network = message.Network, Method = message.Method,
            };
            var updated = stored with { State = state };
            if (await conversions.TryApplyAsync(updated, entry, cancellationToken))
            {
                return await RecordAppliedAsync(message, updated, entry, redelivered: false, cancellationToken);
            }

            // Changed since it was read (or another copy of this message applied it): read both and decide again.
            var (fresh, applied) = await conversions.ReadAsync(stored.ClickId, stored.Key, message.Id, cancellationToken);
            if (applied is not null)
            {
                return await RecordAppliedAsync(message, fresh!, applied, redelivered: true, cancellationToken);
            }

            stored = fresh!;
        }
    }

    /// <summary>The log row of an applied postback, and its state merged into the day index.</summary>
    private async Task<ProcessedPostback> RecordAppliedAsync(
        PostbackMessage message, Conversion conversion, HistoryEntry applied, bool redelivered, CancellationToken cancellationToken)
    {
        if (applied.Outcome == PostbackOutcomes.Created)
        {
            // The creator's own row: a redelivery of the message that stored it.
            return await RecordStoredAsync(conversion, applied.To, redelivered, cancellationToken);
        }

        await postbackLog.WriteAsync(PostbackLogEntries.ForApplied(message, applied), LogWrite.Replace, null, cancellationToken);
        // The state this postback made, not the conversion's now: every state is merged by the postback that made
        // it, the newest wins, and a redelivery writing its own state again changes nothing.
        if (PostbackLogEntries.DayIndex(conversion, applied.To) is { } index)
        {
            await postbackLog.MergeDayIndexAsync(index, cancellationToken);
            if (applied.From is { } from && from.Status != applied.To.Status)
            {
                await listener.ConversionCountedAsync(conversion with { State = applied.To }, cancellationToken);
            }
        }

        return new ProcessedPostback(ProcessedPostback.OfLogName(applied.Outcome), conversion, redelivered) { Applied = applied };
    }

    private void Report(PostbackMessage message, ProcessedPostback processed)
    {
        var type = message.Type.ToName();
        if (processed.Redelivered)
        {
            // Counted when it was first decided; this delivery only made sure its log rows are there.
            Log.Healed(logger, message.Id, type, message.ClickId);
            return;
        }

        switch (processed.Outcome)
        {
            case ConversionOutcome.Duplicate:
                Log.Duplicate(logger, type, message.ClickId, message.Id, processed.Conversion.State.StatusBy);
                metrics.DuplicateIgnored(type);
                return;
            case ConversionOutcome.Updated or ConversionOutcome.Superseded:
                var applied = processed.Applied!;
                Log.Applied(logger, type, message.ClickId, ProcessedPostback.LogName(processed.Outcome), message.Id,
                    applied.From!.Status.ToName(), applied.To.Status.ToName());
                if (processed.Outcome == ConversionOutcome.Updated)
                {
                    metrics.ConversionUpdated(type, applied.From.Status.ToName(), applied.To.Status.ToName());
                }

                return;
        }

        var latency = (processed.Conversion.ProcessedAt - message.ReceivedAt).TotalMilliseconds;
        Log.Created(logger, type, message.ClickId, ProcessedPostback.LogName(processed.Outcome), message.Id, latency);
        metrics.ConversionStored(type, processed.Conversion.Orphan, latency);
    }
}
