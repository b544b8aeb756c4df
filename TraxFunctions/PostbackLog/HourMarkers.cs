using System.Globalization;
using Azure.Data.Tables;

namespace Trax.PostbackLog;

/// <summary>
/// The dirty marks of the day index, for rollups: one row per shard-day partition and UTC hour, RowKey
/// <c>a-{HH}</c> (after the log rows, which start with digits, before the index rows <c>c-</c>). Every write that
/// changes an index row upserts its hour's marker in the same entity-group transaction, so a change and its mark land
/// together or not at all, in the same one request. The marker carries nothing: its ETag, new on every write, is the
/// version of its hour that a rollup records as its source. Beside them one day marker (<see cref="DayRow"/>) per
/// shard-day, touched in the same transactions: the version a day rollup records.
/// </summary>
public static class HourMarkers
{
    public const string RowPrefix = "a-";

    /// <summary>Marker rows are the keys from <see cref="RowPrefix"/> up to here.</summary>
    public const string RowsEnd = "a.";

    /// <summary>
    /// The day marker of a shard-day, touched with every hour marker: its ETag is the version of the whole
    /// shard-day, which a day rollup names (8 of them, one per shard). It sorts before the hour markers
    /// (<c>-</c> before digits), inside their range, so a query reading them all reads it first: a change that lands
    /// during that query moves an hour marker not read yet, or this one and an hour marker already read after it.
    /// </summary>
    public const string DayRow = "a--day";

    public static string Row(int hour) => string.Concat(RowPrefix, hour.ToString("D2", CultureInfo.InvariantCulture));

    /// <summary>The hour a marker row key names, or null for any other key.</summary>
    public static int? HourOf(string rowKey) =>
        rowKey.Length == 4 && rowKey.StartsWith(RowPrefix, StringComparison.Ordinal)
            && int.TryParse(rowKey.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var hour) && hour < 24
            ? hour
            : null;

    /// <summary>The action that marks the hour of an index row received at <paramref name="receivedAt"/> as changed.</summary>
    internal static TableTransactionAction Touch(string partitionKey, DateTimeOffset receivedAt) =>
        new(TableTransactionActionType.UpsertMerge, new TableEntity(partitionKey, Row(receivedAt.UtcDateTime.Hour)));

    /// <summary>The action that marks the whole shard-day as changed: with every <see cref="Touch"/>, in the same transaction.</summary>
    public static TableTransactionAction TouchDay(string partitionKey) =>
        new(TableTransactionActionType.UpsertMerge, new TableEntity(partitionKey, DayRow));
}
