using Azure;
using Azure.Data.Tables;
using Trax.Conversions;
using Trax.Storage;

namespace Trax.PostbackLog;

/// <summary>
/// The day index: one small row per counted conversion, beside the log row of the postback that created it
/// (same partition, RowKey <see cref="Keys.DayIndexRow"/>). Reports read these rows only. It is keyed by that
/// postback, which is unique per conversion because the Conversions insert-if-absent let exactly one postback
/// store it; rewriting it on redelivery gives the same row with the same content, so nothing is counted twice.
/// </summary>
public sealed class ConversionDayEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>UTC day of receipt, <c>yyyy-MM-dd</c> (also in the partition key).</summary>
    public string Day { get; set; } = "";

    public string Type { get; set; } = "";

    /// <summary>The network the postback named, else the click's.</summary>
    public string? Network { get; set; }

    /// <summary>The program the postback named, else the click's.</summary>
    public string? Program { get; set; }

    public string? Campaign { get; set; }

    public string? Currency { get; set; }

    /// <summary>Invariant decimal as text, like the conversion's.</summary>
    public string? Payout { get; set; }

    public string ClickId { get; set; } = "";

    public string ConversionKey { get; set; } = "";

    public string PostbackId { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>
    /// Keys come from the postback that stored the conversion (its id and receipt time, kept on the conversion), like
    /// its log row's, so that both land in one partition.
    /// </summary>
    public static ConversionDayEntity From(ConversionEntity conversion) => new()
    {
        PartitionKey = Keys.LogPartition(conversion.ReceivedAt, conversion.PostbackId),
        RowKey = Keys.DayIndexRow(conversion.PostbackId),
        Day = Keys.LogDay(conversion.ReceivedAt).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Type = conversion.Type,
        Network = conversion.Network ?? conversion.ClickNetwork,
        Program = conversion.Program ?? conversion.ClickProgram,
        Campaign = conversion.Campaign,
        Currency = conversion.Currency,
        Payout = conversion.Payout,
        ClickId = conversion.ClickId,
        ConversionKey = conversion.RowKey,
        PostbackId = conversion.PostbackId,
        ReceivedAt = conversion.ReceivedAt,
    };
}
