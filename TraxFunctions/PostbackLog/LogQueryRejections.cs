using Trax.Core;
using Trax.Input;

namespace Trax.PostbackLog;

/// <summary>
/// Why a log query was refused (the report and lookup queries share <see cref="InvalidLimit"/> and
/// <see cref="InvalidContinuationToken"/>). A closed set, documented in docs/reports.md: never rename a code.
/// </summary>
public static class LogQueryRejections
{
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

    public static IReadOnlyList<string> Reasons { get; } =
    [
        InvalidOutcome.Reason, InvalidType.Reason, InvalidHour.Reason, InvalidLimit.Reason, InvalidContinuationToken.Reason,
    ];
}
