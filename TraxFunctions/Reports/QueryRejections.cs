using Trax.Http;
using Trax.PostbackLog;
using Trax.Postbacks;

namespace Trax.Reports;

/// <summary>
/// Why a report, lookup or log query was refused: the same JSON shape and status as a refused postback
/// (<see cref="ErrorAnswers.Rejected"/>). The lookup reuses the postbacks' <c>missing-clickid</c> and
/// <c>invalid-clickid</c>. A closed set, documented in README "Reports": never rename a code.
/// </summary>
public static class QueryRejections
{
    public static Rejection MissingParameter(string name) =>
        new("missing-parameter", $"The {name} parameter is required.");

    public static Rejection RepeatedParameter(string name) =>
        new("repeated-parameter", $"The {name} parameter may be given only once.");

    public static Rejection InvalidParameter(string name) =>
        new("invalid-parameter", $"The {name} parameter must be 1 to {Postbacks.PostbackLimits.MaxFieldLength} characters, without control characters.");

    public static Rejection InvalidDate(string name) =>
        new("invalid-date", $"The {name} parameter must be a UTC day written YYYY-MM-DD, such as 2026-11-25.");

    public static Rejection InvalidRange { get; } =
        new("invalid-range", "The to day must not be before the from day.");

    public static Rejection RangeTooLong { get; } =
        new("range-too-long", $"A report covers at most {ConversionReport.MaxDays} days, from and to included.");

    public static Rejection InvalidGroupBy { get; } =
        new("invalid-group-by", $"groupBy is a comma-separated list of distinct names among {string.Join(", ", ReportRequest.Dimensions)}.");

    public static Rejection InvalidFormat { get; } =
        new("invalid-format", "format must be json or csv.");

    public static Rejection InvalidOutcome { get; } =
        new("invalid-outcome", $"outcome must be one of {string.Join(", ", PostbackOutcomes.All)}.");

    public static Rejection InvalidType { get; } =
        new("invalid-type", "type must be ftd, reg or sale.");

    public static Rejection InvalidHour { get; } =
        new("invalid-hour", "hour must be a whole number from 0 to 23 (UTC).");

    public static Rejection InvalidLimit { get; } =
        new("invalid-limit", $"limit must be a whole number from 1 to {PostbackLogQuery.MaxLimit}.");

    public static Rejection InvalidContinuationToken { get; } =
        new("invalid-continuation-token", "The continuationToken was not issued by this API for this date; start again without it.");

    /// <summary>Every reason code these APIs answer with (besides missing-clickid and invalid-clickid).</summary>
    public static IReadOnlyList<string> Reasons { get; } =
    [
        "missing-parameter", "repeated-parameter", "invalid-parameter", "invalid-date", InvalidRange.Reason,
        RangeTooLong.Reason, InvalidGroupBy.Reason, InvalidFormat.Reason, InvalidOutcome.Reason, InvalidType.Reason,
        InvalidHour.Reason, InvalidLimit.Reason, InvalidContinuationToken.Reason,
    ];
}
