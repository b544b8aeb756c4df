using Trax.Input;
using Trax.Zones;

namespace Trax.ConversionSearch;

/// <summary>
/// The days a conversion's own logs (its postbacks, its deliveries) are read for: the zone's days asked for
/// (<c>from</c>/<c>to</c>, <c>tz=</c>, else <c>Trax__Reports__TimeZone</c>, else UTC), else a window from the zone day the
/// conversion was received; and <see cref="UtcDays"/>, the UTC days whose partitions hold them.
/// </summary>
public sealed record ConversionLogDays(ZoneDayRange Range)
{
    public Zone Zone => Range.Zone;

    /// <summary>The UTC days of the logs' partitions that hold <see cref="Range"/>: a zone day touches one, two or three.</summary>
    public SearchDays UtcDays
    {
        get
        {
            var (first, last) = ZoneDayRange.UtcDaysOf(Range.Start, Range.End);
            return new SearchDays(first, last);
        }
    }

    /// <summary>The zone (null: the reader failed) and the days asked for (null: none asked, or the reader failed).</summary>
    public static (Zone? Zone, ConversionLogDays? Asked) Read(QueryReader reader, TimeZones zones)
    {
        var asked = SearchDays.Read(reader, required: false);
        var zone = zones.Read(reader);
        var range = asked is { } a ? TimeZones.Range(reader, zone, a.From, a.To, SearchDays.MaxDays) : null;
        return (zone, range is null ? null : new ConversionLogDays(range));
    }

    /// <summary>
    /// <see cref="SearchDays.MaxDays"/> zone days from the one <paramref name="first"/> falls on, or up to today's if
    /// that comes first; without <paramref name="first"/>, the last <paramref name="days"/> zone days.
    /// </summary>
    public static ConversionLogDays Window(Zone zone, DateTimeOffset? first, DateTimeOffset now, int days)
    {
        var today = zone.DayOf(now);
        var window = first is { } at ? SearchDays.Starting(zone.DayOf(at), today) : new SearchDays(today.AddDays(1 - days), today);
        return new ConversionLogDays(zone.Days(window.From, window.To));
    }
}
