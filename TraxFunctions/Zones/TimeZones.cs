using Trax.Input;

namespace Trax.Zones;

/// <summary>
/// The zones of the report, lookup and log APIs: the default (<c>Trax__Reports__TimeZone</c>) and the one a request
/// names with <c>tz=</c>, and its days from a <c>from</c>-<c>to</c> pair. Problems go to the query's
/// <see cref="QueryReader"/>, like every other parameter's, so the first one found is answered.
/// </summary>
public sealed class TimeZones(IOptions<ZoneOptions> options)
{
    public const string Parameter = "tz";

    /// <summary>
    /// The end of the last UTC day a range may reach (<see cref="QueryReader.LastDay"/>): readers walk each UTC day's
    /// hours to their end, and the last hour of UTC 9999-12-31 ends past what .NET can hold. Behind UTC, a zone's
    /// 9999-12-30 ends on UTC 9999-12-31.
    /// </summary>
    public static readonly DateTimeOffset LastEnd = new(QueryReader.LastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The zone of a request that names none; the validator proved it exists at start-up.</summary>
    public Zone Default { get; } = Zone.Find(options.Value.TimeZone);

    /// <summary>The zone <c>tz=</c> names, or the default; null (and the reader failed) when it names none this host knows, or two.</summary>
    public Zone? Read(QueryReader reader)
    {
        var earlier = reader.Rejection;
        var id = reader.Optional(Parameter);
        if (id is null)
        {
            // Absent, or given twice with different values (the reader failed: no zone).
            return ReferenceEquals(reader.Rejection, earlier) ? Default : null;
        }

        if (Zone.TryFind(id, out var zone))
        {
            return zone;
        }

        reader.Fail(ZoneRejections.InvalidTimeZone);
        return null;
    }

    /// <summary>
    /// The zone days <paramref name="from"/> to <paramref name="to"/>; null when one is missing (already answered by
    /// the reader) or the range is backwards, longer than <paramref name="maxDays"/>, or ends after <see cref="LastEnd"/>
    /// (the reader fails).
    /// </summary>
    public static ZoneDayRange? Range(QueryReader reader, Zone? zone, DateOnly? from, DateOnly? to, int maxDays = ZoneDayRange.MaxDays)
    {
        if (zone is null || from is not { } first || to is not { } last)
        {
            return null;
        }

        if (last < first)
        {
            reader.Fail(ZoneRejections.InvalidRange);
            return null;
        }

        if (last.DayNumber - first.DayNumber + 1 > Math.Min(maxDays, ZoneDayRange.MaxDays))
        {
            reader.Fail(ZoneRejections.RangeTooLong(Math.Min(maxDays, ZoneDayRange.MaxDays)));
            return null;
        }

        var range = zone.Days(first, last);
        if (range.End > LastEnd)
        {
            reader.Fail(ZoneRejections.EndsPastTheLastDay(zone));
            return null;
        }

        return range;
    }
}
