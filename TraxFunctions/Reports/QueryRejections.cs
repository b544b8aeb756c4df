using Trax.Input;
using Trax.PostbackLog;

namespace Trax.Reports;

/// <summary>
/// Why a report, lookup or log query was refused: the same JSON shape and status as a refused postback. The lookup
/// reuses the shared <c>missing-clickid</c> and <c>invalid-clickid</c>. A closed set, documented in docs/reports.md:
/// never rename a code.
/// </summary>
public static class QueryRejections
{
    public static Rejection InvalidRange { get; } =
        new("invalid-range", "The to day must not be before the from day.");

    public static Rejection RangeTooLong { get; } =
        new("range-too-long", $"A report covers at most {ReportRequest.MaxDays} days, from and to included.");

    public static Rejection InvalidGroupBy { get; } =
        new("invalid-group-by", $"groupBy is a comma-separated list of distinct names among {string.Join(", ", ReportRequest.Dimensions)}.");

    public static Rejection InvalidFormat { get; } =
        new("invalid-format", "format must be json or csv.");

    /// <summary>Every reason code these APIs answer with (besides missing-clickid and invalid-clickid).</summary>
    public static IReadOnlyList<string> Reasons { get; } =
    [
        .. ParameterRejections.Reasons, InvalidRange.Reason,
        RangeTooLong.Reason, InvalidGroupBy.Reason, InvalidFormat.Reason, .. LogQueryRejections.Reasons,
    ];
}
