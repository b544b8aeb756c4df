using System.Globalization;
using Trax.Storage;
using Trax.Zones;

namespace Trax.PostbackLog;

/// <summary>
/// The log of an interval that is not one UTC day: a zone's day (or clock hour) is one UTC interval, which touches
/// the 8 shards of one, two or three UTC days. Row keys are inverted receipt ticks in every partition, so merging
/// them all by row key is newest first across days; the continuation token holds one cursor per partition and names
/// the query's scope (day, hour, zone), so a token is only taken back by the same query.
/// </summary>
public sealed partial class PostbackLogStore
{
    /// <summary>
    /// One page of the log rows received in [<paramref name="start"/>, <paramref name="end"/>), newest first, with the
    /// query's filters; <paramref name="scope"/> is what a token of it must name (<see cref="ZonedScope"/>).
    /// </summary>
    public async Task<LogPage> ReadIntervalPageAsync(LogQuery query, DateTimeOffset start, DateTimeOffset end, string scope, CancellationToken cancellationToken)
    {
        var partitions = IntervalPartitions(start, end);
        var cursors = query.ContinuationToken is null ? new string?[partitions.Count] : DecodeCursors(query.ContinuationToken, scope, partitions.Count)!;
        var (from, to) = PostbackLogKeys.LogRowRange(start, end);
        return await ReadMergedPageAsync(query, partitions, from, to, scope, cursors, cancellationToken);
    }

    /// <summary>What a zoned query's token names: its day, hour and zone.</summary>
    public static string ZonedScope(DateOnly date, int? hour, string zoneId) =>
        string.Concat(date.ToString("yyyyMMdd", CultureInfo.InvariantCulture), "|", hour?.ToString(CultureInfo.InvariantCulture) ?? "", "|", zoneId);

    /// <summary>Whether a token was issued by <see cref="ReadIntervalPageAsync"/> for this scope and interval.</summary>
    public static bool IsValidIntervalToken(string token, string scope, DateTimeOffset start, DateTimeOffset end) =>
        DecodeCursors(token, scope, IntervalPartitions(start, end).Count) is not null;

    private static List<string> IntervalPartitions(DateTimeOffset start, DateTimeOffset end)
    {
        var (first, last) = ZoneDayRange.UtcDaysOf(start, end);
        return [.. PostbackLogKeys.LogPartitions(first, last)];
    }
}
