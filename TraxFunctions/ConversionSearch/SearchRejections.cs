using Trax.Core;
using Trax.Input;
using Trax.PostbackLog;

namespace Trax.ConversionSearch;

/// <summary>
/// Why a conversion search, a click's postbacks or a conversion's deliveries were refused, besides the shared parameter
/// codes (<see cref="ParameterRejections"/>) and <c>missing-clickid</c>/<c>invalid-clickid</c>. A closed set,
/// documented in docs/console.md: never rename a code.
/// </summary>
public static class SearchRejections
{
    public static Rejection InvalidRange { get; } =
        new("invalid-range", "The to day must not be before the from day.");

    public static Rejection RangeTooLong { get; } =
        new("range-too-long", $"A search covers at most {SearchDays.MaxDays} days of its zone, from and to included.");

    public static Rejection HalfRange { get; } =
        new("missing-parameter", "from and to go together: give both or neither.");

    public static Rejection InvalidType => LogQueryRejections.InvalidType;

    public static Rejection InvalidStatus { get; } =
        new("invalid-status", $"status must be one of {string.Join(", ", ConversionStatusNames.All)}.");

    public static Rejection InvalidLimit { get; } =
        new("invalid-limit", $"limit must be a whole number from 1 to {ConversionSearchRequest.MaxLimit}.");

    public static Rejection InvalidContinuationToken { get; } =
        new("invalid-continuation-token", "The continuationToken was not issued by this API for this range; start again without it.");

    public static Rejection InvalidKey { get; } =
        new("invalid-key", "key must be a conversion key as the lookup shows it (ftd, reg, sale, or the type, ':' and the txid).");

    public static Rejection InvalidConversionId { get; } =
        new("invalid-conversion", "conversion must be a conversion id as Trax shows it ({conversionid}: the encoded click id, '/', the conversion key).");

    public static Rejection UnknownConversion { get; } =
        new("unknown-conversion", "There is no such conversion.", 404);

    /// <summary>Every reason code these APIs answer with (besides the shared ones).</summary>
    public static IReadOnlyList<string> Reasons { get; } =
    [
        InvalidRange.Reason, RangeTooLong.Reason, InvalidType.Reason, InvalidStatus.Reason, InvalidLimit.Reason,
        InvalidContinuationToken.Reason, InvalidKey.Reason, InvalidConversionId.Reason, UnknownConversion.Reason,
    ];
}
