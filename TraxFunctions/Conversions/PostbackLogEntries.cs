using Trax.Core;
using Trax.PostbackLog;

namespace Trax.Conversions;

/// <summary>
/// What the processor tells the postback log: the row for a decided outcome, how it may be written, and the
/// conversion's day-index row (every stored conversion has one, attributed or not). The row of the postback that
/// stored a conversion is built from the stored conversion alone, so every writer of it (first delivery, redelivery,
/// re-attribution) writes the same row.
/// </summary>
internal static class PostbackLogEntries
{
    /// <summary>
    /// The row of the postback that stored <paramref name="conversion"/>, whether it may replace one, and its day-index
    /// row in <paramref name="indexed"/> state: the state that postback set (merged under newer states, so writing it
    /// again never changes an index row), or the current one for a conversion attributed only now.
    /// </summary>
    public static (PostbackLogEntry Entry, LogWrite Rule, DayIndexEntry Index) ForStored(Conversion conversion, ConversionState indexed)
    {
        var outcome = ProcessedPostback.OutcomeOf(conversion);
        var entry = Entry(conversion.PostbackId, conversion.ReceivedAt, conversion.Postback, conversion.Callback, outcome, conversion.Key, conversion.ProcessedAt);

        // An orphan is tentative (its click may be registered later); an attributed outcome is final.
        var rule = outcome == PostbackOutcomes.Orphan ? LogWrite.KeepExisting : LogWrite.Replace;
        return (entry, rule, DayIndex(conversion, indexed));
    }

    /// <summary>
    /// The row of a postback that repeats what is stored, naming <paramref name="duplicateOf"/> (the postback it sends
    /// again, else the one that stored the conversion): first written, never replaced.
    /// </summary>
    public static PostbackLogEntry ForDuplicate(PostbackMessage message, string duplicateOf, string conversionKey, DateTimeOffset processedAt) =>
        OfMessage(message, PostbackOutcomes.Duplicate, conversionKey, processedAt) with { DuplicateOf = duplicateOf };

    /// <summary>The row of a postback applied to a stored conversion (updated or superseded), with its from → to.</summary>
    public static PostbackLogEntry ForApplied(PostbackMessage message, HistoryEntry applied) =>
        OfMessage(message, applied.Outcome, applied.ConversionKey, applied.ProcessedAt) with
        {
            From = applied.From is { } from ? Logged(from) : null,
            To = Logged(applied.To),
        };

    /// <summary>
    /// The conversion in the per-day index, in <paramref name="state"/>, with its attribution as known now (the index
    /// merge takes it only forward, so a writer that read the conversion before its click was registered changes nothing).
    /// </summary>
    public static DayIndexEntry DayIndex(Conversion conversion, ConversionState state) =>
        new DayIndexEntry
        {
            PostbackId = conversion.PostbackId,
            ReceivedAt = conversion.ReceivedAt,
            Type = conversion.Type.ToName(),
            ClickId = conversion.ClickId,
            ConversionKey = conversion.Key,
            Network = conversion.NetworkOrClicks,
            Program = conversion.ProgramOrClicks,
            Campaign = conversion.Attribution?.Click.Campaign,
            Attribution = conversion.AttributionName,
            Status = state.Status.ToName(),
            StatusBy = state.StatusBy,
            Currency = state.Currency,
            Payout = state.Payout,
            MoneyBy = state.MoneyBy,
            CurrencyBy = state.CurrencyBy,
            Version = state.Version,
        };

    private static LoggedState Logged(ConversionState state) => new(state.Status.ToName(), state.Payout, state.Currency);

    private static PostbackLogEntry OfMessage(PostbackMessage message, string outcome, string conversionKey, DateTimeOffset processedAt) =>
        Entry(message.Id, message.ReceivedAt, message.Postback, message.Source, outcome, conversionKey, processedAt);

    /// <summary>The row of a processed postback: what it said (one value, from the message or the conversion it stored) and its outcome.</summary>
    private static PostbackLogEntry Entry(
        string postbackId, DateTimeOffset receivedAt, Postback said, PostbackSource? source, string outcome, string conversionKey, DateTimeOffset processedAt) => new()
    {
        PostbackId = postbackId,
        ReceivedAt = receivedAt,
        ProcessedAt = processedAt,
        Type = said.Type.ToName(),
        Outcome = outcome,
        ClickId = said.ClickId,
        Network = said.Network,
        Program = said.Program,
        TxId = said.TxId,
        Payout = said.Payout,
        Currency = said.Currency,
        Status = said.Status,
        ConversionKey = conversionKey,
        Warnings = said.Warnings,
        Source = source,
    };
}
