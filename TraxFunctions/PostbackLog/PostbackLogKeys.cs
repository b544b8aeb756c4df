using System.Globalization;

using Trax.Storage;

namespace Trax.PostbackLog;

/// <summary>
/// Keys of the PostbackLog table. It holds two kinds of rows, side by side in the same partitions so that a
/// processed postback's log row and its day-index row are written in one entity-group transaction:
/// <list type="bullet">
/// <item>log rows: PartitionKey <c>{shard}-{yyyyMMdd}</c>, RowKey <c>{inverted ticks:D19}-{postback id}</c>;</item>
/// <item>day-index rows (one per counted conversion): same partition, RowKey <c>c-{postback id}</c>.</item>
/// </list>
/// The shard (a stable hash of the postback id) spreads one day's writes over <see cref="LogShards"/> partitions,
/// and being the prefix it also spreads them over the key range instead of appending to its end. Inverted ticks
/// make a partition list newest first; log rows start with a digit and index rows with <c>c</c>, so each kind
/// is one row-key range.
/// </summary>
public static class PostbackLogKeys
{
    /// <summary>
    /// Partitions per day. 2,000 postbacks/s, each writing up to two entities, is 500 entities/s per partition:
    /// a quarter of Table Storage's 2,000/s per partition. Never change it: readers enumerate these shards.
    /// </summary>
    public const int LogShards = 8;

    /// <summary>Every log row key is below this (they start with digits; ':' follows '9').</summary>
    public const string LogRowsEnd = ":";

    /// <summary>Day-index rows are the keys from here up to <see cref="DayIndexRowsEnd"/>.</summary>
    public const string DayIndexRowPrefix = "c-";

    public const string DayIndexRowsEnd = "c.";

    public static string LogPartition(DateOnly day, int shard) =>
        string.Concat(shard.ToString(CultureInfo.InvariantCulture), "-", day.ToString("yyyyMMdd", CultureInfo.InvariantCulture));

    public static string LogPartition(DateTimeOffset receivedAt, string postbackId) =>
        LogPartition(LogDay(receivedAt), LogShard(postbackId));

    /// <summary>The partitions of the UTC days <paramref name="first"/> to <paramref name="last"/>: each day's shards in order, day by day.</summary>
    public static IEnumerable<string> LogPartitions(DateOnly first, DateOnly last) =>
        Enumerable.Range(0, last.DayNumber - first.DayNumber + 1)
            .SelectMany(d => Enumerable.Range(0, LogShards).Select(s => LogPartition(first.AddDays(d), s)));

    /// <summary>The UTC day of a shard-day partition (<see cref="LogPartition(DateOnly, int)"/>), or null for any other key.</summary>
    public static DateOnly? DayOfPartition(string partition) => partition.Length == 10 ? Keys.DayAfter(partition, partition[..2]) : null;

    /// <summary>The UTC day a postback belongs to, in the log and in reports.</summary>
    public static DateOnly LogDay(DateTimeOffset receivedAt) => DateOnly.FromDateTime(receivedAt.UtcDateTime);

    /// <summary>FNV-1a of the id, so the shard is the same in every process (string.GetHashCode is not).</summary>
    public static int LogShard(string postbackId)
    {
        var hash = 2166136261u;
        foreach (var c in postbackId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % LogShards);
    }

    public static string LogRow(DateTimeOffset receivedAt, string postbackId) =>
        Keys.Bounded(string.Concat(Keys.InvertedTicks(receivedAt).ToString("D19", CultureInfo.InvariantCulture), "-", Keys.Encode(postbackId)));

    public static string DayIndexRow(string postbackId) => Keys.Bounded(string.Concat(DayIndexRowPrefix, Keys.Encode(postbackId)));

    /// <summary>
    /// The row-key range <c>[from, to)</c> of log rows received in <c>[start, end)</c>: inverted, a later time
    /// has a smaller key, so <c>end</c> gives the lower bound.
    /// </summary>
    public static (string From, string To) LogRowRange(DateTimeOffset start, DateTimeOffset end) =>
        ((Keys.InvertedTicks(end) + 1).ToString("D19", CultureInfo.InvariantCulture),
         (Keys.InvertedTicks(start) + 1).ToString("D19", CultureInfo.InvariantCulture));

}
