using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Trax.Conversions;
using Trax.Postbacks;
using Trax.Storage;

namespace Trax.PostbackLog;

/// <summary>
/// One received postback and what became of it. Keys: <see cref="Keys.LogPartition(DateTimeOffset, string)"/>
/// and <see cref="Keys.LogRow"/>, both from the receipt time and the postback id, so a redelivered message
/// rewrites the same row.
/// </summary>
public sealed class PostbackLogEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string PostbackId { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>When the processor decided the outcome; null for a rejected postback.</summary>
    public DateTimeOffset? ProcessedAt { get; set; }

    public string Type { get; set; } = "";

    /// <summary>As sent: for a rejected postback this may be the invalid value (or a macro such as {clickid}).</summary>
    public string? ClickId { get; set; }

    public string? Network { get; set; }

    public string? Program { get; set; }

    public string? TxId { get; set; }

    public string? Payout { get; set; }

    public string? Currency { get; set; }

    public string? Status { get; set; }

    /// <summary>One of <see cref="PostbackOutcomes"/>.</summary>
    public string Outcome { get; set; } = "";

    /// <summary>The reason code of a rejected postback (as in its 400 answer).</summary>
    public string? Reason { get; set; }

    /// <summary>The status the HTTP function answered a rejected postback with (400, 413, 414).</summary>
    public int? HttpStatus { get; set; }

    /// <summary>The postback that stored the conversion this one duplicates.</summary>
    public string? DuplicateOf { get; set; }

    /// <summary>The conversion's row key in the Conversions table (its partition is the click id).</summary>
    public string? ConversionKey { get; set; }

    /// <summary>Dropped optional fields as <c>field:reason</c>, separated by ';'.</summary>
    public string? Warnings { get; set; }

    public string? Method { get; set; }

    public string? Query { get; set; }

    public string? Body { get; set; }

    /// <summary>The stored query is the first <see cref="PostbackLimits.MaxQueryLength"/> characters only.</summary>
    public bool? QueryTruncated { get; set; }

    /// <summary>The log row of a queued postback whose conversion insert succeeded (or conflicted with itself).</summary>
    public static PostbackLogEntity ForStored(PostbackMessage message, ConversionEntity conversion, string outcome) =>
        ForMessage(message, outcome, conversion.ProcessedAt, conversion.RowKey);

    public static PostbackLogEntity ForDuplicate(PostbackMessage message, ConversionEntity stored, DateTimeOffset processedAt)
    {
        var entity = ForMessage(message, PostbackOutcomes.Duplicate, processedAt, stored.RowKey);
        entity.DuplicateOf = string.IsNullOrEmpty(stored.PostbackId) ? null : stored.PostbackId;
        return entity;
    }

    public static PostbackLogEntity ForRejected(
        string id,
        DateTimeOffset receivedAt,
        ConversionType type,
        Rejection rejection,
        RejectedFields fields) => new()
    {
        PartitionKey = Keys.LogPartition(receivedAt, id),
        RowKey = Keys.LogRow(receivedAt, id),
        PostbackId = id,
        ReceivedAt = receivedAt,
        Type = type.ToName(),
        ClickId = fields.ClickId,
        Network = fields.Network,
        Program = fields.Program,
        Outcome = PostbackOutcomes.Rejected,
        Reason = rejection.Reason,
        HttpStatus = rejection.StatusCode,
        Method = fields.Method,
        Query = fields.Query,
        Body = fields.Body,
        QueryTruncated = fields.QueryTruncated ? true : null,
    };

    private static PostbackLogEntity ForMessage(PostbackMessage message, string outcome, DateTimeOffset processedAt, string conversionKey) => new()
    {
        PartitionKey = Keys.LogPartition(message.ReceivedAt, message.Id),
        RowKey = Keys.LogRow(message.ReceivedAt, message.Id),
        PostbackId = message.Id,
        ReceivedAt = message.ReceivedAt,
        ProcessedAt = processedAt,
        Type = message.Type.ToName(),
        ClickId = message.ClickId,
        Network = message.Network,
        Program = message.Program,
        TxId = message.TxId,
        Payout = message.Payout?.ToString(CultureInfo.InvariantCulture),
        Currency = message.Currency,
        Status = message.Status,
        Outcome = outcome,
        ConversionKey = conversionKey,
        Warnings = message.Warnings is { Count: > 0 } warnings ? string.Join(';', warnings) : null,
        Method = message.Method,
        Query = message.Query,
        Body = message.Body,
    };
}

/// <summary>What the log keeps of a refused request: raw values, bounded, never trusted.</summary>
public sealed record RejectedFields(
    string Method,
    string? ClickId,
    string? Network,
    string? Program,
    string? Query,
    bool QueryTruncated,
    string? Body);
