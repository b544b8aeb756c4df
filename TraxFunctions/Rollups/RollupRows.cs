using System.Globalization;

namespace Trax.Rollups;

/// <summary>
/// Rollup row keys, in the shard-day partitions of the PostbackLog table beside the markers: <c>b-h{HH}</c>, one per
/// UTC hour. They sort after the markers (<c>a-</c>) and before the index rows (<c>c-</c>), so one range query reads a
/// shard-day's markers and rollups without touching a conversion's row.
/// </summary>
public static class RollupRows
{
    public const string RowPrefix = "b-h";

    /// <summary>Markers and rollups together are the keys from <c>a-</c> up to here.</summary>
    public const string RowsEnd = "b.";

    public static string Row(int hour) => string.Concat(RowPrefix, hour.ToString("D2", CultureInfo.InvariantCulture));

    public static int? HourOf(string rowKey) =>
        rowKey.Length == 5 && rowKey.StartsWith(RowPrefix, StringComparison.Ordinal)
            && int.TryParse(rowKey.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var hour) && hour < 24
            ? hour
            : null;
}
