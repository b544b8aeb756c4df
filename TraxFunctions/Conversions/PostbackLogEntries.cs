using Trax.PostbackLog;
using Trax.Postbacks;

namespace Trax.Conversions;

/// <summary>
/// What the processor tells the postback log: the row for a decided outcome, how it may be written, and the day-index
/// row when the outcome counts. The row of the postback that stored a conversion is built from the stored
/// conversion alone, so every writer of it (first delivery, redelivery, re-attribution) writes the same row.
/// </summary>
internal static class PostbackLogEntries
{
    /// <summary>The row of the postback that stored <paramref name="conversion"/>, and whether it may replace one.</summary>
    public static (PostbackLogEntry Entry, LogWrite Rule, DayIndexEntry? Index) ForStored(Conversion conversion)
    {
        var outcome = ProcessedPostback.OutcomeOf(conversion);
        var entry = new PostbackLogEntry
        {
            PostbackId = conversion.PostbackId,
            ReceivedAt = conversion.ReceivedAt,
            ProcessedAt = conversion.ProcessedAt,
            Type = conversion.Type.ToName(),
            Outcome = ProcessedPostback.LogName(outcome),
            ClickId = conversion.ClickId,
            Network = conversion.Network,
            Program = conversion.Program,
            TxId = conversion.TxId,
            Payout = conversion.Payout,
            Currency = conversion.Currency,
            Status = conversion.Status,
            ConversionKey = conversion.Key,
            Warnings = conversion.Warnings,
            Method = conversion.Callback?.Method,
            Query = conversion.Callback?.Query,
            Body = conversion.Callback?.Body,
            ClientIp = conversion.Callback?.ClientIp,
            ForwardedFor = conversion.Callback?.ForwardedFor,
            UserAgent = conversion.Callback?.UserAgent,
        };

        // An orphan is tentative (its click may be registered later); an attributed outcome is final.
        var rule = outcome == ConversionOutcome.CreatedOrphan ? LogWrite.KeepExisting : LogWrite.Replace;
        return (entry, rule, outcome == ConversionOutcome.Created ? DayIndex(conversion) : null);
    }

    /// <summary>The row of a postback for a conversion another postback stored: first written, never replaced.</summary>
    public static PostbackLogEntry ForDuplicate(PostbackMessage message, Conversion stored, DateTimeOffset processedAt) => new()
    {
        PostbackId = message.Id,
        ReceivedAt = message.ReceivedAt,
        ProcessedAt = processedAt,
        Type = message.Type.ToName(),
        Outcome = PostbackOutcomes.Duplicate,
        ClickId = message.ClickId,
        Network = message.Network,
        Program = message.Program,
        TxId = message.TxId,
        Payout = message.Payout,
        Currency = message.Currency,
        Status = message.Status,
        DuplicateOf = stored.PostbackId,
        ConversionKey = stored.Key,
        Warnings = message.Warnings ?? [],
        Method = message.Method,
        Query = message.Query,
        Body = message.Body,
        ClientIp = message.ClientIp,
        ForwardedFor = message.ForwardedFor,
        UserAgent = message.UserAgent,
    };

    private static DayIndexEntry DayIndex(Conversion conversion) => new()
    {
        PostbackId = conversion.PostbackId,
        ReceivedAt = conversion.ReceivedAt,
        Type = conversion.Type.ToName(),
        ClickId = conversion.ClickId,
        ConversionKey = conversion.Key,
        Network = conversion.Network ?? conversion.Attribution?.Network,
        Program = conversion.Program ?? conversion.Attribution?.Program,
        Campaign = conversion.Attribution?.Campaign,
        Currency = conversion.Currency,
        Payout = conversion.Payout,
    };
}
