using Trax.Core;

namespace Trax.PostbackLog;

/// <summary>
/// One received postback and what became of it, as the postback log keeps it: the outcome the processor decided
/// (or the reason the HTTP side refused it), what it held, and where it came from.
/// </summary>
public sealed record PostbackLogEntry
{
    public required string PostbackId { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The conversion type's name (ftd, reg, sale).</summary>
    public required string Type { get; init; }

    /// <summary>One of <see cref="PostbackOutcomes"/>.</summary>
    public required string Outcome { get; init; }

    /// <summary>When the processor decided the outcome; null for a refused postback.</summary>
    public DateTimeOffset? ProcessedAt { get; init; }

    /// <summary>As sent: for a refused postback this may be the invalid value (or a macro such as {clickid}).</summary>
    public string? ClickId { get; init; }

    public string? Network { get; init; }

    public string? Program { get; init; }

    public string? TxId { get; init; }

    public decimal? Payout { get; init; }

    public string? Currency { get; init; }

    public string? Status { get; init; }

    /// <summary>The reason code of a refused postback (as in its answer).</summary>
    public string? Reason { get; init; }

    /// <summary>The status the HTTP function answered a refused postback with (400, 403, 413, 414).</summary>
    public int? HttpStatus { get; init; }

    /// <summary>The postback that stored the conversion this one duplicates.</summary>
    public string? DuplicateOf { get; init; }

    /// <summary>The conversion's row key in the Conversions table (its partition is the click id).</summary>
    public string? ConversionKey { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];

    public string? Method { get; init; }

    public string? Query { get; init; }

    public string? Body { get; init; }

    /// <summary>The stored query is its first characters only (a 414 was longer than a query may be).</summary>
    public bool QueryTruncated { get; init; }

    public string? ClientIp { get; init; }

    public string? ForwardedFor { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>For updated and superseded postbacks: the conversion's status and money before, and after.</summary>
    public LoggedState? From { get; init; }

    public LoggedState? To { get; init; }
}

/// <summary>A conversion's status and money as the log shows them beside an update.</summary>
public sealed record LoggedState(string Status, decimal? Payout, string? Currency);

/// <summary>
/// One stored conversion in the per-day index that reports read: its dimensions, attribution and money, keyed by the
/// postback that stored it, in the same partition as that postback's log row (so the two are written in one transaction).
/// </summary>
public sealed record DayIndexEntry
{
    public required string PostbackId { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public required string Type { get; init; }

    public required string ClickId { get; init; }

    public required string ConversionKey { get; init; }

    /// <summary>The network the postback named, else the click's.</summary>
    public string? Network { get; init; }

    /// <summary>The program the postback named, else the click's.</summary>
    public string? Program { get; init; }

    public string? Campaign { get; init; }

    /// <summary>
    /// One of <see cref="Attributions"/>; it only ever moves from unattributed to attributed or outside-window, taking
    /// the click's dimensions with it (rows from before attribution was indexed were all attributed).
    /// </summary>
    public string Attribution { get; init; } = Attributions.Attributed;

    public string? Currency { get; init; }

    public decimal? Payout { get; init; }

    /// <summary>
    /// The conversion's status now, and the postbacks that set its status and its money: an index row only ever takes
    /// a newer one, so that writes landing in any order leave the newest state (rows from before statuses: approved).
    /// </summary>
    public string Status { get; init; } = "approved";

    public string? StatusBy { get; init; }

    public string? MoneyBy { get; init; }

    /// <summary>Who set the currency (rows from before it had its own register: whoever set the money).</summary>
    public string? CurrencyBy { get; init; }

    /// <summary>
    /// The conversion state's version (0: written before versions): a row only ever takes a higher one, because a
    /// late postback can move a state back to an older postback's word, which the setters alone cannot order.
    /// </summary>
    public long Version { get; init; }

    /// <summary>The UTC day it counts on: the day its postback was received.</summary>
    public DateOnly Day => PostbackLogKeys.LogDay(ReceivedAt);
}

/// <summary>
/// How a log row is written when one may be there already. A tentative outcome (orphan, duplicate) never replaces
/// a row; a final one (created, outside-window, updated, superseded) does. So a row can move forward (orphan →
/// created, when a click is registered late) but never back, whatever order concurrent writers land in.
/// </summary>
public enum LogWrite
{
    /// <summary>Insert if absent; keep what is there.</summary>
    KeepExisting,

    /// <summary>Insert or replace.</summary>
    Replace,
}
