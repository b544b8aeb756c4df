using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Trax.PostbackLog;

/// <summary>
/// The dirty marks of the day index, for rollups: one row per shard-day partition and UTC hour, RowKey
/// <c>a-{HH}</c> (after the log rows, which start with digits, before the index rows <c>c-</c>). Every write that
/// changes an index row upserts its hour's marker in the same entity-group transaction, so a change and its mark land
/// together or not at all, in the same one request. The marker carries nothing: its ETag, new on every write, is the
/// version of its hour that a rollup records as its source. Beside them one day marker (<see cref="DayRow"/>) per
/// shard-day, touched in the same transactions, whose presence says the shard-day is open, and its seal
/// (<see cref="SealRow"/>): how a day row is trusted without reading them (<see cref="PostbackLogStore"/>'s marked writes).
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

    /// <summary>
    /// The seal of a shard-day: made with its day marker, rewritten (a new ETag) each time the day roller seals the
    /// shard-day under a day row by deleting the day marker. A writer that finds the day marker gone reads it, marks
    /// the day changed (<see cref="DayChanges"/>), and writes only if the seal is still the one it read. Sorts after
    /// <see cref="DayRow"/> and before the hour markers: the roller's state query reads both before any hour.
    /// </summary>
    public const string SealRow = "a--seal";

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

    /// <summary>
    /// The action that marks the whole shard-day as changed: with every <see cref="Touch"/>, in the same transaction.
    /// A merge that needs the day marker to exist, so the transaction fails (404) on a shard-day that is new or sealed.
    /// </summary>
    public static TableTransactionAction TouchDay(string partitionKey) =>
        new(TableTransactionActionType.UpdateMerge, new TableEntity(partitionKey, DayRow), ETag.All);

    /// <summary>The action that opens a shard-day: its day marker, inserted only if absent.</summary>
    public static TableTransactionAction OpenDay(string partitionKey) =>
        new(TableTransactionActionType.Add, new TableEntity(partitionKey, DayRow));

    /// <summary>
    /// The action that keeps a shard-day's seal as read (<paramref name="seal"/>, its ETag; null: none yet, and none
    /// may appear): a transaction with it fails if a roller sealed the shard-day since, or another writer opened it.
    /// </summary>
    public static TableTransactionAction KeepSeal(string partitionKey, ETag? seal) =>
        seal is { } etag
            ? new(TableTransactionActionType.UpdateMerge, new TableEntity(partitionKey, SealRow), etag)
            : new(TableTransactionActionType.Add, new TableEntity(partitionKey, SealRow));
}
