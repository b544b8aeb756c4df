using Trax.Core;
using Trax.Storage;

namespace Trax.Conversions;

/// <summary>
/// A conversion in the Conversions table. Partition = encoded click id, row = <see cref="Keys.ConversionRow"/>, so a
/// repeated callback lands on the same key and the insert that stores it is also the duplicate check. Property
/// names are those earlier versions wrote, so old rows read the same.
/// </summary>
internal sealed class ConversionEntity : ClickAttributeRow, IClickAttributeColumns
{
    public string Type { get; set; } = "";

    public string ClickId { get; set; } = "";

    public string? Network { get; set; }

    public string? Program { get; set; }

    public string? TxId { get; set; }

    /// <summary>Invariant decimal as text: Table Storage has no decimal type and a double would round money.</summary>
    public string? Payout { get; set; }

    public string? Currency { get; set; }

    public string? Status { get; set; }

    /// <summary>The state now (rows stored before statuses existed have none: approved, as stored).</summary>
    public string? CurrentStatus { get; set; }

    public string? CurrentStatusRaw { get; set; }

    public string? StatusBy { get; set; }

    public string? CurrentPayout { get; set; }

    public string? CurrentCurrency { get; set; }

    public string? MoneyBy { get; set; }

    /// <summary>Who set the currency (rows from before it had its own register: whoever set the amount).</summary>
    public string? CurrencyBy { get; set; }

    /// <summary>How many times the counted state changed (<see cref="ConversionState.Version"/>); none on rows from before: 0.</summary>
    public long? Version { get; set; }

    public string PostbackId { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }

    /// <summary>Dropped optional fields as <c>field:reason</c>, separated by ';'.</summary>
    public string? Warnings { get; set; }

    public string? Method { get; set; }

    public string? RawQuery { get; set; }

    public string? RawBody { get; set; }

    public string? ClientIp { get; set; }

    public string? ForwardedFor { get; set; }

    public string? UserAgent { get; set; }

    public bool Orphan { get; set; }

    public DateTimeOffset? ClickedAt { get; set; }

    public long? SecondsToConvert { get; set; }

    public string? ClickNetwork { get; set; }

    public string? ClickProgram { get; set; }

    public int? AttributionWindowDays { get; set; }

    public bool OutsideWindow { get; set; }

    public DateTimeOffset? ReattributedAt { get; set; }

    public static ConversionEntity From(Conversion conversion)
    {
        var (said, attribution) = (conversion.Postback, conversion.Attribution);
        var row = new ConversionEntity
        {
            PartitionKey = Keys.ClickPartition(conversion.ClickId),
            RowKey = conversion.Key,
            ETag = conversion.ETag,
            Type = said.Type.ToName(),
            ClickId = said.ClickId,
            Network = said.Network,
            Program = said.Program,
            TxId = said.TxId,
            Payout = Input.Payout.FormatStored(said.Payout),
            Currency = said.Currency,
            Status = said.Status,
            PostbackId = conversion.PostbackId,
            ReceivedAt = conversion.ReceivedAt,
            ProcessedAt = conversion.ProcessedAt,
            Warnings = Input.Warnings.Stored(said.Warnings),
            Method = conversion.Callback?.Method,
            RawQuery = conversion.Callback?.Query,
            RawBody = conversion.Callback?.Body,
            ClientIp = conversion.Callback?.ClientIp,
            ForwardedFor = conversion.Callback?.ForwardedFor,
            UserAgent = conversion.Callback?.UserAgent,
            Orphan = attribution is null,
            ClickedAt = attribution?.ClickedAt,
            SecondsToConvert = attribution?.SecondsToConvert,
            ClickNetwork = attribution?.Click.Network,
            ClickProgram = attribution?.Click.Program,
            AttributionWindowDays = attribution?.AttributionWindowDays,
            OutsideWindow = attribution?.OutsideWindow ?? false,
            ReattributedAt = conversion.ReattributedAt,
        };
        (row.CurrentStatus, row.CurrentStatusRaw, row.StatusBy, row.CurrentPayout, row.CurrentCurrency, row.MoneyBy, row.CurrencyBy, row.Version) =
            StoredState.Of(conversion.State);
        return row.WithAttributes(attribution?.Click);
    }

    public Conversion ToConversion() => new()
    {
        State = CurrentStatus is not null && ConversionStatusNames.TryParse(CurrentStatus, out _)
            ? new StoredState(CurrentStatus, CurrentStatusRaw, StatusBy ?? PostbackId, CurrentPayout, CurrentCurrency, MoneyBy ?? PostbackId, CurrencyBy, Version).ToState()
            // A row stored before statuses: approved, with the money the postback that created it said.
            : new StoredState(ConversionStatus.Approved.ToName(), Status, PostbackId, Payout, Currency,
                Payout is null && Currency is null ? ConversionState.Nobody : PostbackId, null, Version).ToState(),
        Postback = new Postback(ConversionTypeNames.Parse(Type), ClickId, Network, Program, TxId, Input.Payout.ParseStored(Payout), Currency, Status)
        {
            Warnings = Input.Warnings.ReadStored(Warnings),
        },
        PostbackId = PostbackId,
        ReceivedAt = ReceivedAt,
        ProcessedAt = ProcessedAt,
        Callback = new PostbackSource(Method ?? "GET", RawQuery, RawBody, ClientIp, ForwardedFor, UserAgent),
        Attribution = Orphan || ClickedAt is not { } clickedAt ? null : new Attribution
        {
            ClickedAt = clickedAt,
            SecondsToConvert = SecondsToConvert ?? 0,
            Click = this.ReadAttributes(ClickNetwork, ClickProgram),
            AttributionWindowDays = AttributionWindowDays,
            OutsideWindow = OutsideWindow,
        },
        ReattributedAt = ReattributedAt,
        ETag = ETag,
    };
}
