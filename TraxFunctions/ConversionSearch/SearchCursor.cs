using System.Globalization;
using Trax.Storage;
using Trax.Zones;

namespace Trax.ConversionSearch;

/// <summary>
/// Where a page of the search stopped: its last item's UTC day, receipt time and postback id (the order's keys). The
/// token names the zone days asked for, and the zone unless it is UTC (so UTC tokens are what they always were): a
/// token is only taken back by a search of the same days in the same zone.
/// </summary>
public sealed record SearchCursor(DateOnly Day, DateTimeOffset ReceivedAt, string PostbackId)
{
    private const string Kind = "conversion-search";

    /// <summary>Whether <paramref name="receivedAt"/>/<paramref name="postbackId"/> come after this cursor, newest first.</summary>
    public bool Precedes(DateTimeOffset receivedAt, string postbackId) =>
        receivedAt < ReceivedAt || (receivedAt == ReceivedAt && string.CompareOrdinal(postbackId, PostbackId) < 0);

    public string Encode(ZoneDayRange range)
    {
        string[] parts = [Kind, Text(range.From), Text(range.To), Text(Day), ReceivedAt.UtcTicks.ToString(CultureInfo.InvariantCulture), PostbackId];
        return ContinuationToken.Encode(ReferenceEquals(range.Zone, Zone.Utc) ? parts : [.. parts, range.Zone.Id]);
    }

    /// <summary>The cursor of a token this API issued for these zone days (read from <paramref name="days"/>); null otherwise.</summary>
    public static SearchCursor? Decode(string token, ZoneDayRange range, SearchDays days)
    {
        var parts = ContinuationToken.Decode(token);
        var zoned = !ReferenceEquals(range.Zone, Zone.Utc);
        if (parts is null || parts.Length != (zoned ? 7 : 6) || (zoned && parts[6] != range.Zone.Id))
        {
            return null;
        }

        if (parts[..6] is not [Kind, var from, var to, var day, var ticks, var postbackId]
            || from != Text(range.From) || to != Text(range.To) || postbackId.Length == 0
            || !DateOnly.TryParseExact(day, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || date < days.From || date > days.To
            || !long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var utcTicks)
            || utcTicks < DateTimeOffset.MinValue.UtcTicks || utcTicks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return null;
        }

        return new SearchCursor(date, new DateTimeOffset(utcTicks, TimeSpan.Zero), postbackId);
    }

    private static string Text(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
