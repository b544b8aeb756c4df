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

    /// <summary>The request as received (token redacted): method, raw query and body, caller, forwarded-for, user agent.</summary>
    public PostbackSource? Source { get; init; }

    /// <summary>The stored query is its first characters only (a 414 was longer than a query may be).</summary>
    public bool QueryTruncated { get; init; }

    /// <summary>For updated and superseded postbacks: the conversion's status and money before, and after.</summary>
    public LoggedState? From { get; init; }

    public LoggedState? To { get; init; }
}

/// <summary>A conversion's status and money as the log shows them beside an update.</summary>
public sealed record LoggedState(string Status, decimal? Payout, string? Currency);

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
