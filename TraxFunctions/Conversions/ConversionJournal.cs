using Trax.Core;
using Trax.PostbackLog;

namespace Trax.Conversions;

/// <summary>
/// Writes down what the processor or the re-attribution decided, in one order: the postback's log row, the
/// conversion's day-index row, then the listeners (forwarding). Each step may be written again by a redelivery or a
/// retry and changes nothing then (the log's write rules, the index's merge, the listeners' own idempotency).
/// </summary>
public sealed class ConversionJournal(PostbackLogStore postbackLog, IConversionListener listener)
{
    /// <summary>
    /// A stored conversion: its creator's log row and its day-index row in <paramref name="created"/> state, then the
    /// listeners hear of it counted in that state.
    /// </summary>
    public async Task StoredAsync(Conversion conversion, ConversionState created, CancellationToken cancellationToken)
    {
        var (entry, rule, index) = PostbackLogEntries.ForStored(conversion, created);
        await postbackLog.WriteAsync(entry, rule, index, cancellationToken);
        await CountedAsync(conversion with { State = created }, cancellationToken);
    }

    /// <summary>An orphan attributed now: its final log row and its day-index row together, then the listeners.</summary>
    public async Task AttributedAsync(Conversion attributed, CancellationToken cancellationToken)
    {
        var (entry, _, index) = PostbackLogEntries.ForStored(attributed, attributed.State);
        await postbackLog.WriteMergingAsync(entry, index, cancellationToken);
        await listener.ConversionAttributedAsync(attributed, cancellationToken);
    }

    /// <summary>A postback that repeats what is stored: a tentative log row naming the postback it repeats.</summary>
    public Task DuplicateAsync(PostbackMessage message, string duplicateOf, string conversionKey, DateTimeOffset processedAt, CancellationToken cancellationToken) =>
        postbackLog.WriteAsync(PostbackLogEntries.ForDuplicate(message, duplicateOf, conversionKey, processedAt), LogWrite.KeepExisting, null, cancellationToken);

    /// <summary>
    /// A postback applied to a stored conversion: its final log row; when it changed the state, that state merged into
    /// the day index (the state this postback made, so a redelivery changes nothing), and when it changed the status,
    /// the listeners.
    /// </summary>
    public async Task AppliedAsync(PostbackMessage message, Conversion conversion, HistoryEntry applied, CancellationToken cancellationToken)
    {
        await postbackLog.WriteAsync(PostbackLogEntries.ForApplied(message, applied), LogWrite.Replace, null, cancellationToken);
        if (applied.From is { } from && !from.SameAs(applied.To))
        {
            await postbackLog.MergeDayIndexAsync(PostbackLogEntries.DayIndex(conversion, applied.To), cancellationToken);
            if (from.Status != applied.To.Status)
            {
                await CountedAsync(conversion with { State = applied.To }, cancellationToken);
            }
        }
    }

    /// <summary>The listeners hear of a counted conversion in the state it is counted in.</summary>
    public Task CountedAsync(Conversion conversion, CancellationToken cancellationToken) =>
        listener.ConversionCountedAsync(conversion, cancellationToken);
}
