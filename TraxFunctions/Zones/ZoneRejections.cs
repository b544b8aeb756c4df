using Trax.Input;

namespace Trax.Zones;

/// <summary>
/// Why a zone or a range of zone days in a query was refused: the same shape as every refusal. A closed set,
/// documented in docs/reports.md: never rename a code. <c>invalid-range</c> and <c>range-too-long</c> are the codes
/// reports answer already, now for ranges of zone days.
/// </summary>
public static class ZoneRejections
{
    public static Rejection InvalidTimeZone { get; } =
        new("invalid-time-zone", "tz must be an IANA time zone id such as Europe/Paris, America/St_Johns or UTC, spelled as the IANA database spells it; Windows ids (Romance Standard Time) are not accepted.");

    public static Rejection InvalidRange { get; } =
        new("invalid-range", "The to day must not be before the from day.");

    public static Rejection RangeTooLong(int maxDays) =>
        new("range-too-long", $"A range covers at most {maxDays} days, from and to included.");

    /// <summary>The zone's last day asked for ends after the last UTC day Trax reads (a zone behind UTC, in 9999).</summary>
    public static Rejection EndsPastTheLastDay(Zone zone) =>
        new("invalid-date", $"The to day ends, in {zone.Id}, after {QueryReader.LastDay:yyyy-MM-dd} UTC, the last day Trax reads: name an earlier day.");

    public static IReadOnlyList<string> Reasons { get; } = [InvalidTimeZone.Reason, InvalidRange.Reason, RangeTooLong(ZoneDayRange.MaxDays).Reason];
}
