using Trax.Core;
using Trax.Storage;

namespace Trax.PostbackLog;

/// <summary>A day-index row: same partition as its postback's log row, RowKey <see cref="PostbackLogKeys.DayIndexRow"/>.</summary>
internal sealed class DayIndexEntity : TableRow
{
    /// <summary>UTC day of receipt, <c>yyyy-MM-dd</c> (also in the partition key).</summary>
    public string Day { get; set; } = "";

    public string Type { get; set; } = "";

    public string? Network { get; set; }

    public string? Program { get; set; }

    public string? Campaign { get; set; }

    /// <summary>Null on rows written before every conversion was indexed: only attributed ones were.</summary>
    public string? Attribution { get; set; }

    public string? Currency { get; set; }

    public string? Payout { get; set; }

    public string ClickId { get; set; } = "";

    public string ConversionKey { get; set; } = "";

    public string PostbackId { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Null on rows written before statuses existed: approved.</summary>
    public string? Status { get; set; }

    public string? StatusBy { get; set; }

    public string? MoneyBy { get; set; }

    public string? CurrencyBy { get; set; }

    public long? Version { get; set; }

    public static DayIndexEntity From(DayIndexEntry entry) => new()
    {
        PartitionKey = PostbackLogKeys.LogPartition(entry.ReceivedAt, entry.PostbackId),
        RowKey = PostbackLogKeys.DayIndexRow(entry.PostbackId),
        Day = entry.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Type = entry.Type,
        Network = entry.Network,
        Program = entry.Program,
        Campaign = entry.Campaign,
        Attribution = entry.Attribution,
        Currency = entry.Currency,
        Payout = Input.Payout.FormatStored(entry.Payout),
        ClickId = entry.ClickId,
        ConversionKey = entry.ConversionKey,
        PostbackId = entry.PostbackId,
        ReceivedAt = entry.ReceivedAt,
        Status = entry.Status,
        StatusBy = entry.StatusBy,
        MoneyBy = entry.MoneyBy,
        CurrencyBy = entry.CurrencyBy,
        Version = entry.Version,
    };

    public DayIndexEntry ToEntry() => new()
    {
        PostbackId = PostbackId,
        ReceivedAt = ReceivedAt,
        Type = Type,
        ClickId = ClickId,
        ConversionKey = ConversionKey,
        Network = Network,
        Program = Program,
        Campaign = Campaign,
        Attribution = Attribution ?? Attributions.Attributed,
        Currency = Currency,
        Payout = Input.Payout.ParseStored(Payout),
        Status = Status ?? "approved",
        StatusBy = StatusBy ?? PostbackId,
        MoneyBy = MoneyBy ?? MoneyByBefore(),
        CurrencyBy = CurrencyBy ?? MoneyBy ?? MoneyByBefore(),
        Version = Version ?? 0,
    };

    // A row from before the money's setters were kept: its postback set the money, if it stored any.
    private string MoneyByBefore() => Payout is null && Currency is null ? "" : PostbackId;
}
