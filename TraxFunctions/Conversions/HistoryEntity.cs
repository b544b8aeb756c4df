using Azure;
using Azure.Data.Tables;
using Trax.Postbacks;
using Trax.Storage;

namespace Trax.Conversions;

/// <summary>A history row, beside its conversion in the click's partition: RowKey <see cref="Keys.HistoryRow"/>.</summary>
internal sealed class HistoryEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string ConversionKey { get; set; } = "";

    public string PostbackId { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }

    public string Outcome { get; set; } = "";

    /// <summary>The status it said, null for none (rows from before: every postback said one).</summary>
    public string? Status { get; set; }

    public string? StatusRaw { get; set; }

    public string? Payout { get; set; }

    public string? Currency { get; set; }

    public bool HasMoney { get; set; }

    // The states before and after, whole: who set each register too, because a redelivery merges the state
    // this row holds into the day index, and the merge keeps the newer setter.
    public string? FromStatus { get; set; }

    public string? FromStatusRaw { get; set; }

    public string? FromStatusBy { get; set; }

    public string? FromPayout { get; set; }

    public string? FromCurrency { get; set; }

    public string? FromMoneyBy { get; set; }

    public string? FromCurrencyBy { get; set; }

    public string ToStatus { get; set; } = "";

    public string? ToStatusRaw { get; set; }

    public string ToStatusBy { get; set; } = "";

    public string? ToPayout { get; set; }

    public string? ToCurrency { get; set; }

    public string ToMoneyBy { get; set; } = "";

    public string? ToCurrencyBy { get; set; }

    public string? Network { get; set; }

    public string? Method { get; set; }

    public static HistoryEntity From(string clickId, HistoryEntry entry) => new()
    {
        PartitionKey = Keys.ClickPartition(clickId),
        RowKey = Keys.HistoryRow(entry.PostbackId),
        ConversionKey = entry.ConversionKey,
        PostbackId = entry.PostbackId,
        ReceivedAt = entry.ReceivedAt,
        ProcessedAt = entry.ProcessedAt,
        Outcome = entry.Outcome,
        Status = entry.Said.Status?.ToName(),
        StatusRaw = entry.Said.StatusRaw,
        Payout = Money(entry.Said.Payout),
        Currency = entry.Said.Currency,
        HasMoney = entry.Said.HasAmount,
        FromStatus = entry.From?.Status.ToName(),
        FromStatusRaw = entry.From?.StatusRaw,
        FromStatusBy = entry.From?.StatusBy,
        FromPayout = Money(entry.From?.Payout),
        FromCurrency = entry.From?.Currency,
        FromMoneyBy = entry.From?.MoneyBy,
        FromCurrencyBy = entry.From?.CurrencyBy,
        ToStatus = entry.To.Status.ToName(),
        ToStatusRaw = entry.To.StatusRaw,
        ToStatusBy = entry.To.StatusBy,
        ToPayout = Money(entry.To.Payout),
        ToCurrency = entry.To.Currency,
        ToMoneyBy = entry.To.MoneyBy,
        ToCurrencyBy = entry.To.CurrencyBy,
        Network = entry.Network,
        Method = entry.Method,
    };

    public HistoryEntry ToEntry() => new()
    {
        ConversionKey = ConversionKey,
        PostbackId = PostbackId,
        ReceivedAt = ReceivedAt,
        ProcessedAt = ProcessedAt,
        Outcome = Outcome,
        Said = new PostbackState(PostbackId, string.IsNullOrEmpty(Status) ? null : StatusOf(Status), StatusRaw, Input.Payout.ParseStored(Payout), Currency),
        From = FromStatus is null ? null
            : new ConversionState(StatusOf(FromStatus), FromStatusRaw, FromStatusBy ?? "", Input.Payout.ParseStored(FromPayout), FromCurrency, FromMoneyBy ?? "", FromCurrencyBy),
        To = new ConversionState(StatusOf(ToStatus), ToStatusRaw, ToStatusBy, Input.Payout.ParseStored(ToPayout), ToCurrency, ToMoneyBy, ToCurrencyBy),
        Network = Network,
        Method = Method,
    };

    private static string? Money(decimal? payout) => payout is { } value ? Input.Payout.Format(value) : null;

    private static ConversionStatus StatusOf(string name) => ConversionStatusNames.TryParse(name, out var status) ? status : ConversionStatus.Pending;
}
