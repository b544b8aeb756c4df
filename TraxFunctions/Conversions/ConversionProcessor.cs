using Trax.Clicks;
using Trax.Core;
using Trax.Telemetry;

namespace Trax.Conversions;

/// <summary>
/// Turns a queued postback into a conversion or a change of one, and is the only place that decides what the postback
/// was. The first postback for a key creates the conversion (insert-if-absent: deduplication is the storage's unique
/// key); for a later one, the state is made again from every postback of the conversion (its history, and this one:
/// <see cref="ConversionState.Fold"/>), so it is updated if it changes, kept in the history if it does not (superseded),
/// or a duplicate if it says nothing new or is a postback sent again. The decision is then written to the postback
/// log, returned, logged and counted. Any storage failure is thrown, so the queue trigger retries the message (and
/// finally poisons it).
/// </summary>
public sealed class ConversionProcessor(
    ClickStore clicks,
    ConversionStore conversions,
    ConversionJournal journal,
    OrphanReattributor orphans,
    StatusMap statuses,
    IOptions<TraxOptions> options,
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
        var applied = add.History.FirstOrDefault(h => h.PostbackId == message.Id);
        var processed = add switch
        {
            { Added: true } => await RecordStoredAsync(add.Conversion, candidate.State, redelivered: false, cancellationToken),
            _ when add.Conversion.PostbackId == message.Id =>
                await RecordStoredAsync(add.Conversion, applied?.To ?? ConversionState.Of(said), redelivered: true, cancellationToken),
            _ when applied is not null => await RecordAppliedAsync(message, add.Conversion, add.History, applied, redelivered: true, cancellationToken),
            _ => await ApplyAsync(message, said, add.Conversion, add.History, cancellationToken),
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
            // Logged, indexed and announced attributed by the re-attribution (this one, or a registration's that came
            // first), as it stands now. It was never announced as stored: that is this postback's to tell, in its state.
            var attributed = (await orphans.AttributeAsync(conversion, lateClick, cancellationToken)).Conversion;
            await journal.CountedAsync(attributed with { State = created }, cancellationToken);
            return new ProcessedPostback(ProcessedPostback.OutcomeOf(attributed), attributed, redelivered);
        }

        // Counted from its first postback, attributed or not: listeners hear of it in that postback's state.
        await journal.StoredAsync(conversion, created, cancellationToken);
        return new ProcessedPostback(ProcessedPostback.OutcomeOf(conversion), conversion, redelivered);
    }

    /// <summary>
    /// A postback for a conversion another postback stored. The state is made again from the conversion's history and
    /// this postback; its effect (the new state, or none) and its history row are written together, conditional on the
    /// version read: a concurrent change makes it read again and decide again.
    /// </summary>
    private async Task<ProcessedPostback> ApplyAsync(
        PostbackMessage message, PostbackState said, Conversion stored, IReadOnlyList<HistoryEntry> history, CancellationToken cancellationToken)
    {
        var window = TimeSpan.FromHours(options.Value.ResendWindowHours);
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > MaxApplyAttempts)
            {
                throw new InvalidOperationException($"Conversion {stored.Key} of click {stored.ClickId} kept changing; the message will be retried.");
            }

            var unrecorded = Unrecorded(stored, history);
            List<PostbackState> all = [.. history.Select(h => h.Said), .. unrecorded.Select(h => h.Said), said];
            var order = new PostbackOrder(all, window);
            var repeated = order.Repeated(said.PostbackId);
            if (!said.SaysAnything || order.Redundant(said.PostbackId) is not null)
            {
                // A word on nothing, the same row of a file uploaded again, or the same words as an earlier postback
                // in the same minute (a retry storm): it can change no state now or later, so it leaves no row (a
                // redelivery decides the same again).
                await journal.DuplicateAsync(message, repeated ?? stored.PostbackId, stored.Key, time.GetUtcNow(), cancellationToken);
                return new ProcessedPostback(PostbackOutcomes.Duplicate, stored);
            }

            // Every other postback is kept in the history, a repeat too: a resend of it, or an older postback it
            // resends, may arrive later, and the state must then be made from all of them.
            var state = ConversionState.Fold(all, window);
            var changed = !state.SameAs(stored.State);
            state = state with { Version = stored.State.Version + (changed ? 1 : 0) };
            var outcome = changed ? PostbackOutcomes.Updated
                : repeated is not null || stored.State.Repeats(said) ? PostbackOutcomes.Duplicate
                : PostbackOutcomes.Superseded;
            var entry = new HistoryEntry
            {
                ConversionKey = stored.Key, PostbackId = message.Id, ReceivedAt = message.ReceivedAt, ProcessedAt = time.GetUtcNow(),
                Outcome = outcome, Said = said, From = stored.State, To = state, Network = message.Network, Method = message.Method,
            };
            var updated = stored with { State = state };
            if (await conversions.TryApplyAsync(updated, entry, unrecorded, cancellationToken))
            {
                return await RecordAppliedAsync(message, updated, [.. history, .. unrecorded, entry], entry, redelivered: false, cancellationToken);
            }

            // Changed since it was read (or another copy of this message applied it): read both and decide again.
            (var fresh, history) = await conversions.ReadAsync(stored.ClickId, stored.Key, cancellationToken);
            stored = fresh ?? throw new InvalidOperationException($"Conversion {stored.Key} of click {stored.ClickId} disappeared while it was updated.");
            if (history.FirstOrDefault(h => h.PostbackId == message.Id) is { } applied)
            {
                return await RecordAppliedAsync(message, stored, history, applied, redelivered: true, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The postbacks a conversion's state names as its setters but its history lacks: the creator of a conversion
    /// stored before history rows existed, a repeat that became the state's provenance without a row before every
    /// postback was kept. They are made from the state and written with the next change, so the state can be made
    /// from the history from then on.
    /// </summary>
    private static List<HistoryEntry> Unrecorded(Conversion stored, IReadOnlyList<HistoryEntry> history)
    {
        var state = stored.State;
        var missing = new List<HistoryEntry>();
        foreach (var id in new[] { state.StatusBy, state.MoneyBy, state.CurrencyBy ?? state.MoneyBy }.Distinct())
        {
            if (id == ConversionState.Nobody || history.Any(h => h.PostbackId == id))
            {
                continue;
            }

            var creator = id == stored.PostbackId;
            var receivedAt = creator ? stored.ReceivedAt : PostbackIds.TimeOf(id) ?? stored.ReceivedAt;
            var said = new PostbackState(
                id, state.StatusBy == id ? state.Status : null, state.StatusBy == id ? state.StatusRaw : null,
                state.MoneyBy == id ? state.Payout : null, state.CurrencyBy == id ? state.Currency : null)
            {
                ReceivedAt = receivedAt, Uploaded = creator && stored.Callback?.Method == PostbackMessage.UploadMethod,
            };
            missing.Add(new HistoryEntry
            {
                ConversionKey = stored.Key, PostbackId = id, ReceivedAt = receivedAt, ProcessedAt = stored.ProcessedAt,
                Outcome = creator ? PostbackOutcomes.Created : PostbackOutcomes.Duplicate, Said = said,
                From = creator ? null : state, To = state, Network = creator ? stored.Postback.Network : null, Method = creator ? stored.Callback?.Method : null,
            });
        }

        return missing;
    }

    /// <summary>The log row of an applied postback, and its state merged into the day index when it changed the state.</summary>
    private async Task<ProcessedPostback> RecordAppliedAsync(
        PostbackMessage message, Conversion conversion, IReadOnlyList<HistoryEntry> history, HistoryEntry applied, bool redelivered, CancellationToken cancellationToken)
    {
        if (applied.Outcome == PostbackOutcomes.Created)
        {
            // The creator's own row: a redelivery of the message that stored it.
            return await RecordStoredAsync(conversion, applied.To, redelivered, cancellationToken);
        }

        if (applied.Outcome == PostbackOutcomes.Duplicate)
        {
            // Kept in the history (a resend may need it later), tentative in the log like any duplicate.
            var repeated = new PostbackOrder(history.Select(h => h.Said), TimeSpan.FromHours(options.Value.ResendWindowHours)).Repeated(applied.PostbackId);
            await journal.DuplicateAsync(message, repeated ?? conversion.PostbackId, conversion.Key, applied.ProcessedAt, cancellationToken);
            return new ProcessedPostback(PostbackOutcomes.Duplicate, conversion, redelivered) { Applied = applied };
        }

        // The state this postback made, not the conversion's now: every state is merged with its version, the
        // highest wins. A postback that left the counted state as it was (superseded) has nothing to merge.
        await journal.AppliedAsync(message, conversion, applied, cancellationToken);
        return new ProcessedPostback(applied.Outcome, conversion, redelivered) { Applied = applied };
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
            case PostbackOutcomes.Duplicate:
                Log.Duplicate(logger, type, message.ClickId, message.Id, processed.Conversion.State.StatusBy);
                metrics.DuplicateIgnored(type);
                return;
            case PostbackOutcomes.Updated or PostbackOutcomes.Superseded:
                var applied = processed.Applied!;
                Log.Applied(logger, type, message.ClickId, processed.Outcome, message.Id,
                    applied.From!.Status.ToName(), applied.To.Status.ToName());
                if (processed.Outcome == PostbackOutcomes.Updated)
                {
                    metrics.ConversionUpdated(type, applied.From.Status.ToName(), applied.To.Status.ToName());
                }

                return;
        }

        var latency = (processed.Conversion.ProcessedAt - message.ReceivedAt).TotalMilliseconds;
        Log.Created(logger, type, message.ClickId, processed.Outcome, message.Id, latency);
        metrics.ConversionStored(type, processed.Conversion.Orphan, latency);
    }
}
