using Trax.Core;
using Trax.Storage;

namespace Trax.PostbackLog;

/// <summary>
/// A log row. Keys: <see cref="PostbackLogKeys.LogPartition(DateTimeOffset, string)"/> and <see cref="PostbackLogKeys.LogRow"/>, both from
/// the receipt time and the postback id, so every write for one postback lands on the same row.
/// </summary>
internal sealed class PostbackLogEntity : TableRow
{
    public string PostbackId { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    public string Type { get; set; } = "";

    public string? ClickId { get; set; }

    public string? Network { get; set; }

    public string? Program { get; set; }

    public string? TxId { get; set; }

    public string? Payout { get; set; }

    public string? Currency { get; set; }

    public string? Status { get; set; }

    public string Outcome { get; set; } = "";

    public string? Reason { get; set; }

    public int? HttpStatus { get; set; }

    public string? DuplicateOf { get; set; }

    public string? ConversionKey { get; set; }

    public string? Warnings { get; set; }

    public string? Method { get; set; }

    public string? Query { get; set; }

    public string? Body { get; set; }

    public bool? QueryTruncated { get; set; }

    public string? ClientIp { get; set; }

    public string? ForwardedFor { get; set; }

    public string? UserAgent { get; set; }

    public string? FromStatus { get; set; }

    public string? FromPayout { get; set; }

    public string? FromCurrency { get; set; }

    public string? ToStatus { get; set; }

    public string? ToPayout { get; set; }

    public string? ToCurrency { get; set; }

    public static PostbackLogEntity From(PostbackLogEntry entry) => WithStates(new()
    {
        PartitionKey = PostbackLogKeys.LogPartition(entry.ReceivedAt, entry.PostbackId),
        RowKey = PostbackLogKeys.LogRow(entry.ReceivedAt, entry.PostbackId),
        PostbackId = entry.PostbackId,
        ReceivedAt = entry.ReceivedAt,
        ProcessedAt = entry.ProcessedAt,
        Type = entry.Type,
        ClickId = entry.ClickId,
        Network = entry.Network,
        Program = entry.Program,
        TxId = entry.TxId,
        Payout = Input.Payout.FormatStored(entry.Payout),
        Currency = entry.Currency,
        Status = entry.Status,
        Outcome = entry.Outcome,
        Reason = entry.Reason,
        HttpStatus = entry.HttpStatus,
        DuplicateOf = entry.DuplicateOf,
        ConversionKey = entry.ConversionKey,
        Warnings = Input.Warnings.Stored(entry.Warnings),
        Method = entry.Source?.Method,
        Query = entry.Source?.Query,
        Body = entry.Source?.Body,
        QueryTruncated = entry.QueryTruncated ? true : null,
        ClientIp = entry.Source?.ClientIp,
        ForwardedFor = entry.Source?.ForwardedFor,
        UserAgent = entry.Source?.UserAgent,
    }, entry);

    public PostbackLogEntry ToEntry() => new()
    {
        PostbackId = PostbackId,
        ReceivedAt = ReceivedAt,
        ProcessedAt = ProcessedAt,
        Type = Type,
        ClickId = ClickId,
        Network = Network,
        Program = Program,
        TxId = TxId,
        Payout = Input.Payout.ParseStored(Payout),
        Currency = Currency,
        Status = Status,
        Outcome = Outcome,
        Reason = Reason,
        HttpStatus = HttpStatus,
        DuplicateOf = DuplicateOf,
        ConversionKey = ConversionKey,
        Warnings = Input.Warnings.ReadStored(Warnings),
        Source = new PostbackSource(Method, Query, Body, ClientIp, ForwardedFor, UserAgent),
        QueryTruncated = QueryTruncated == true,
        From = State(FromStatus, FromPayout, FromCurrency),
        To = State(ToStatus, ToPayout, ToCurrency),
    };

    // The states before and after are stored alike, each in three columns (none when the postback changed nothing).
    private static PostbackLogEntity WithStates(PostbackLogEntity row, PostbackLogEntry entry)
    {
        (row.FromStatus, row.FromPayout, row.FromCurrency) = Columns(entry.From);
        (row.ToStatus, row.ToPayout, row.ToCurrency) = Columns(entry.To);
        return row;
    }

    private static (string? Status, string? Payout, string? Currency) Columns(LoggedState? state) =>
        (state?.Status, Input.Payout.FormatStored(state?.Payout), state?.Currency);

    private static LoggedState? State(string? status, string? payout, string? currency) =>
        status is null ? null : new LoggedState(status, Input.Payout.ParseStored(payout), currency);
}
