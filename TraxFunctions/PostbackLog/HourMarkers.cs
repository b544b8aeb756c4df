using System.Globalization;
using Azure.Data.Tables;

namespace Trax.PostbackLog;

/// <summary>
/// The dirty marks of the day index, for rollups: one row per shard-day partition and UTC hour, RowKey
/// <c>a-{HH}</c> (after the log rows, which start with digits, before the index rows <c>c-</c>). Every write that
/// changes an index row upserts its hour's marker in the same entity-group transaction, so a change and its mark land
/// together or not at all, in the same one request. The marker carries nothing: its ETag, new on every write, is the
/// version of its hour that a rollup records as its source.
/// </summary>
public static class HourMarkers
{
    public const string RowPrefix = "a-";

    /// <summary>Marker rows are the keys from <see cref="RowPrefix"/> up to here.</summary>
    public const string RowsEnd = "a.";

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
}
