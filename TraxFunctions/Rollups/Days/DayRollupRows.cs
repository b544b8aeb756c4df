using System.Globalization;

namespace Trax.Rollups;

/// <summary>
/// Keys of the second level: one row per UTC day, <c>d-{yyyyMMdd}</c>, in a partition per month <c>r-{yyyyMM}</c> of
/// the PostbackLog table. A month partition starts with a letter, so it never meets a shard-day partition
/// (<c>{shard}-{yyyyMMdd}</c>) and the log's readers and its retention never see it; the days of a range are one
/// contiguous key range across month partitions, read with one query.
/// </summary>
public static class DayRollupRows
{
    /// <summary>The month partitions, shared with the days' change marks (<see cref="PostbackLog.DayChanges"/>, <c>changed-…</c>).</summary>
    public const string PartitionPrefix = PostbackLog.DayChanges.PartitionPrefix;

    public const string RowPrefix = "d-";

    public static string Partition(DateOnly day) => PostbackLog.DayChanges.Partition(day);

    public static string Row(DateOnly day) => string.Concat(RowPrefix, day.ToString("yyyyMMdd", CultureInfo.InvariantCulture));

    /// <summary>The day a row key names, or null for any other key.</summary>
    public static DateOnly? DayOf(string rowKey) => Storage.Keys.DayAfter(rowKey, RowPrefix);
}
