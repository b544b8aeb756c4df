using System.Globalization;
using Trax.Storage;

namespace Trax.ConversionSearch;

/// <summary>Where a page of the search stopped: its last item's day, receipt time and postback id (the order's keys).</summary>
public sealed record SearchCursor(DateOnly Day, DateTimeOffset ReceivedAt, string PostbackId)
{
    private const string Kind = "conversion-search";

    /// <summary>Whether <paramref name="receivedAt"/>/<paramref name="postbackId"/> come after this cursor, newest first.</summary>
    public bool Precedes(DateTimeOffset receivedAt, string postbackId) =>
        receivedAt < ReceivedAt || (receivedAt == ReceivedAt && string.CompareOrdinal(postbackId, PostbackId) < 0);

    public string Encode(SearchDays days) => ContinuationToken.Encode(
        Kind, Text(days.From), Text(days.To), Text(Day), ReceivedAt.UtcTicks.ToString(CultureInfo.InvariantCulture), PostbackId);

    /// <summary>The cursor of a token this API issued for these days; null otherwise.</summary>
    public static SearchCursor? Decode(string token, SearchDays days)
    {
        if (ContinuationToken.Decode(token) is not [Kind, var from, var to, var day, var ticks, var postbackId]
            || from != Text(days.From) || to != Text(days.To) || postbackId.Length == 0
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
