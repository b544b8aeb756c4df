using Trax.Core;
using Trax.Storage;

namespace Trax.Conversions;

/// <summary>A history row, beside its conversion in the click's partition: RowKey <see cref="Keys.HistoryRow"/>.</summary>
internal sealed class HistoryEntity : TableRow
{
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

    /// <summary>For an upload row: its file (SHA-256) and line, which tell the same row uploaded again.</summary>
    public string? UploadFile { get; set; }

    public long? UploadLine { get; set; }

    // The states before and after, whole: who set each register too, because a redelivery merges the state
    // this row holds into the day index, and the merge keeps the newer setter.
    public string? FromStatus { get; set; }

    public string? FromStatusRaw { get; set; }

    public string? FromStatusBy { get; set; }

    public string? FromPayout { get; set; }

    public string? FromCurrency { get; set; }

    public string? FromMoneyBy { get; set; }

    public string? FromCurrencyBy { get; set; }

    public long? FromVersion { get; set; }

    public string ToStatus { get; set; } = "";

    public string? ToStatusRaw { get; set; }

    public string ToStatusBy { get; set; } = "";

    public string? ToPayout { get; set; }

    public string? ToCurrency { get; set; }

    public string ToMoneyBy { get; set; } = "";

    public string? ToCurrencyBy { get; set; }

    /// <summary>The state's version (rows from before versions: none, read as 0).</summary>
    public long? ToVersion { get; set; }

    public string? Network { get; set; }

    public string? Method { get; set; }

    public static HistoryEntity From(string clickId, HistoryEntry entry) => WithStates(new()
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
        Payout = Input.Payout.FormatStored(entry.Said.Payout),
        Currency = entry.Said.Currency,
        HasMoney = entry.Said.HasAmount,
        UploadFile = entry.Said.UploadFile,
        UploadLine = entry.Said.UploadFile is null ? null : entry.Said.UploadLine,
        Network = entry.Network,
        Method = entry.Method,
    }, entry);

    public HistoryEntry ToEntry() => new()
    {
        ConversionKey = ConversionKey,
        PostbackId = PostbackId,
        ReceivedAt = ReceivedAt,
        ProcessedAt = ProcessedAt,
        Outcome = Outcome,
        Said = new PostbackState(PostbackId, string.IsNullOrEmpty(Status) ? null : ConversionStatusNames.ParseStored(Status), StatusRaw, Input.Payout.ParseStored(Payout), Currency)
        {
            ReceivedAt = ReceivedAt, Uploaded = Method == PostbackMessage.UploadMethod, UploadFile = UploadFile, UploadLine = UploadLine ?? 0,
        },
        From = FromStatus is null ? null
            : new StoredState(FromStatus, FromStatusRaw, FromStatusBy ?? "", FromPayout, FromCurrency, FromMoneyBy ?? "", FromCurrencyBy, FromVersion).ToState(),
        To = new StoredState(ToStatus, ToStatusRaw, ToStatusBy, ToPayout, ToCurrency, ToMoneyBy, ToCurrencyBy, ToVersion).ToState(),
        Network = Network,
        Method = Method,
    };

    // The states before (none when there was none) and after, each in its own columns, packed alike.
    private static HistoryEntity WithStates(HistoryEntity row, HistoryEntry entry)
    {
        if (entry.From is { } from)
        {
            (row.FromStatus, row.FromStatusRaw, row.FromStatusBy, row.FromPayout, row.FromCurrency, row.FromMoneyBy, row.FromCurrencyBy, row.FromVersion) =
                StoredState.Of(from);
        }

        (row.ToStatus, row.ToStatusRaw, row.ToStatusBy, row.ToPayout, row.ToCurrency, row.ToMoneyBy, row.ToCurrencyBy, row.ToVersion) = StoredState.Of(entry.To);
        return row;
    }
}
