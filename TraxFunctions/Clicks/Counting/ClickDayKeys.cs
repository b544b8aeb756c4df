using System.Globalization;
using Trax.Storage;

namespace Trax.Clicks;

/// <summary>
/// Keys of the Traffic table, where clicks are counted: partition <c>{shard}-{yyyyMMdd}</c> (the click's UTC day,
/// shard = FNV-1a of the click id mod <see cref="Shards"/>, as the postback log spreads its days), and in it the
/// hour markers <c>a-{HH}</c>, the hour rollups <c>b-h{HH}</c> and one row per click <c>c-{click id}</c>, in that
/// order, so one range query (<c>a-</c> to <c>b.</c>) reads a shard-day's markers and rollups without a click row.
/// </summary>
public static class ClickDayKeys
{
    public const int Shards = 8;

    public const string MarkerPrefix = "a-";

    public const string RollupPrefix = "b-h";

    /// <summary>Markers and rollups are the keys from <see cref="MarkerPrefix"/> up to here.</summary>
    public const string StateEnd = "b.";

    public const string ClickPrefix = "c-";

    /// <summary>Click rows are the keys from <see cref="ClickPrefix"/> up to here.</summary>
    public const string ClicksEnd = "c.";

    public static int Shard(string clickId)
    {
        var hash = 2166136261u;
        foreach (var c in clickId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Shards);
    }

    public static DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime);

    public static string Partition(DateOnly day, int shard) =>
        string.Concat(shard.ToString(CultureInfo.InvariantCulture), "-", day.ToString("yyyyMMdd", CultureInfo.InvariantCulture));

    public static string Partition(string clickId, DateTimeOffset clickedAt) => Partition(Day(clickedAt), Shard(clickId));

    public static string ClickRow(string clickId) => Keys.Bounded(string.Concat(ClickPrefix, Keys.Encode(clickId)));

    public static string MarkerRow(int hour) => string.Concat(MarkerPrefix, hour.ToString("D2", CultureInfo.InvariantCulture));

    public static string RollupRow(int hour) => string.Concat(RollupPrefix, hour.ToString("D2", CultureInfo.InvariantCulture));

    public static int? MarkerHour(string rowKey) => Hour(rowKey, MarkerPrefix);

    public static int? RollupHour(string rowKey) => Hour(rowKey, RollupPrefix);

    private static int? Hour(string rowKey, string prefix) =>
        rowKey.Length == prefix.Length + 2 && rowKey.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(rowKey.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var hour) && hour < 24
            ? hour
            : null;
}
