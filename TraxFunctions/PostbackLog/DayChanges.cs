using System.Globalization;
using Azure.Data.Tables;
using Trax.Storage;

namespace Trax.PostbackLog;

/// <summary>
/// A UTC day changed since its day row was sealed: one row, <c>changed-{yyyyMMdd}</c>, in the month partition
/// <c>r-{yyyyMM}</c> beside the day rows (<c>d-…</c>): after the day-index rows' key range (<c>c-</c> to <c>c.</c>),
/// so a reader of every index row never meets it, and before the day rows. A writer that finds a shard-day without
/// its day marker (sealed, or never opened) upserts it before its change lands (a new ETag each time); the day roller
/// deletes it under the ETag it read before summing, so a mark made meanwhile stays. A report reads these rows and the day rows in one range query, a month's marks before its
/// rows, and trusts a sealed day row only while its day has no mark.
/// </summary>
public static class DayChanges
{
    /// <summary>The month partitions the marks share with the day rows.</summary>
    public const string PartitionPrefix = "r-";

    public const string RowPrefix = "changed-";

    public static string Partition(DateOnly day) => string.Concat(PartitionPrefix, day.ToString("yyyyMM", CultureInfo.InvariantCulture));

    public static string Row(DateOnly day) => string.Concat(RowPrefix, day.ToString("yyyyMMdd", CultureInfo.InvariantCulture));

    /// <summary>The day a mark's row key names, or null for any other key.</summary>
    public static DateOnly? DayOf(string rowKey) => Keys.DayAfter(rowKey, RowPrefix);

    /// <summary>A day's mark, to upsert (replace): a new ETag each time, nothing else in it.</summary>
    public static TableEntity Mark(DateOnly day) => new(Partition(day), Row(day));
}
