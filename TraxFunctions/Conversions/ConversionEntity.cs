using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Trax.Clicks;
using Trax.Postbacks;
using Trax.Storage;

namespace Trax.Conversions;

/// <summary>
/// One attributed conversion. Partition = encoded click id, row = type (or type:txid), so a repeated callback
/// lands on the same key and the insert that stores it is also the duplicate check.
/// </summary>
public sealed class ConversionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Type { get; set; } = "";

    public string ClickId { get; set; } = "";

    /// <summary>The network and program the callback named (the click's own are in Click*).</summary>
    public string? Network { get; set; }

    public string? Program { get; set; }

    public string? TxId { get; set; }

    /// <summary>Invariant decimal as text: Table Storage has no decimal type and a double would round money.</summary>
    public string? Payout { get; set; }

    public string? Currency { get; set; }

    public string? Status { get; set; }

    public string PostbackId { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }

    /// <summary>Dropped optional fields as <c>field:reason</c>, separated by ';'.</summary>
    public string? Warnings { get; set; }

    public string? Method { get; set; }

    public string? RawQuery { get; set; }

    public string? RawBody { get; set; }

    /// <summary>No click with this id was known when the conversion was processed.</summary>
    public bool Orphan { get; set; }

    public DateTimeOffset? ClickedAt { get; set; }

    public long? SecondsToConvert { get; set; }

    public string? LinkId { get; set; }

    public string? ClickNetwork { get; set; }

    public string? ClickProgram { get; set; }

    public string? Campaign { get; set; }

    public string? Source { get; set; }

    public string? Sub1 { get; set; }

    public string? Sub2 { get; set; }

    public string? Sub3 { get; set; }

    public string? Sub4 { get; set; }

    public string? Sub5 { get; set; }

    /// <summary>The link's attribution window when the click was made (days), if it had one.</summary>
    public int? AttributionWindowDays { get; set; }

    /// <summary>The conversion arrived more than <see cref="AttributionWindowDays"/> after its click: kept, flagged.</summary>
    public bool OutsideWindow { get; set; }

    /// <summary>Set when the conversion arrived as an orphan and its click was registered afterwards.</summary>
    public DateTimeOffset? ReattributedAt { get; set; }

    public static ConversionEntity From(PostbackMessage message, ClickEntity? click, DateTimeOffset processedAt)
    {
        var type = message.Type.ToName();
        var entity = new ConversionEntity
        {
            PartitionKey = Keys.ClickPartition(message.ClickId),
            RowKey = Keys.ConversionRow(type, message.TxId),
            Type = type,
            ClickId = message.ClickId,
            Network = message.Network,
            Program = message.Program,
            TxId = message.TxId,
            Payout = message.Payout?.ToString(CultureInfo.InvariantCulture),
            Currency = message.Currency,
            Status = message.Status,
            PostbackId = message.Id,
            ReceivedAt = message.ReceivedAt,
            ProcessedAt = processedAt,
            Warnings = message.Warnings is { Count: > 0 } warnings ? string.Join(';', warnings) : null,
            Method = message.Method,
            RawQuery = message.Query,
            RawBody = message.Body,
            Orphan = click is null,
        };
        if (click is not null)
        {
            entity.Attribute(click);
        }

        return entity;
    }

    /// <summary>
    /// Copies what the click knows (link, campaign, source, sub-ids, timing, window) onto the conversion. The
    /// window travels on the click, so attribution needs no read of the Links table.
    /// </summary>
    public void Attribute(ClickEntity click)
    {
        var elapsed = ReceivedAt - click.ClickedAt;
        Orphan = false;
        ClickedAt = click.ClickedAt;
        SecondsToConvert = (long)Math.Floor(elapsed.TotalSeconds);
        AttributionWindowDays = click.AttributionWindowDays;
        OutsideWindow = click.AttributionWindowDays is { } days && elapsed > TimeSpan.FromDays(days);
        LinkId = click.LinkId;
        ClickNetwork = click.Network;
        ClickProgram = click.Program;
        Campaign = click.Campaign;
        Source = click.Source;
        Sub1 = click.Sub1;
        Sub2 = click.Sub2;
        Sub3 = click.Sub3;
        Sub4 = click.Sub4;
        Sub5 = click.Sub5;
    }
}
