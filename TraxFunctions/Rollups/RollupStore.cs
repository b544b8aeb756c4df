using Azure.Data.Tables;
using Trax.PostbackLog;
using Trax.Storage;

namespace Trax.Rollups;

/// <summary>
/// Rollup rows, markers and the index rows they sum, in the PostbackLog table's shard-day partitions
/// (<see cref="HourMarkers"/>, <see cref="RollupRows"/>). It reads and writes what it is told; the roller decides.
/// </summary>
public sealed class RollupStore(TableClient table) : TableStore(table)
{
    /// <summary>Markers (<c>a-{HH}</c>, <see cref="HourMarkers"/>) and rollups (<c>b-h{HH}</c>, <see cref="RollupRows"/>).</summary>
    private static readonly HourRollupKeys HourRows = new(HourMarkers.RowPrefix, RollupRows.RowsEnd, HourMarkers.HourOf, RollupRows.HourOf, RollupRows.Row, HourMarkers.DayRow, HourMarkers.SealRow);

    /// <summary>A shard-day's markers and rollups: one range query (<c>a-</c> to <c>b.</c>), at most 48 rows.</summary>
    public Task<HourRollupState> ReadStateAsync(string partition, CancellationToken cancellationToken) =>
        HourRollupRows.ReadStateAsync(Table, HourRows, partition, cancellationToken);

    /// <summary>
    /// The index rows of a shard-day received in [<paramref name="from"/>, <paramref name="to"/>): one key-range query
    /// (paged), filtered here on the receipt time: the partition's index rows are read whole either way (a property
    /// filter is no index), and a row-key range by the ids' time would miss rows whose ids are not UUIDv7.
    /// </summary>
    public async Task<List<DayIndexEntry>> ReadIndexAsync(string partition, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey ge {PostbackLogKeys.DayIndexRowPrefix} and RowKey lt {PostbackLogKeys.DayIndexRowsEnd}");
        var rows = new List<DayIndexEntry>();
        await foreach (var row in Table.QueryAsync<DayIndexEntity>(filter, 1000, cancellationToken: cancellationToken))
        {
            if (row.ReceivedAt >= from && row.ReceivedAt < to)
            {
                rows.Add(row.ToEntry());
            }
        }

        return rows;
    }

    /// <summary>
    /// Replaces the rollups of some hours of a shard-day, each naming the marker version it was computed from.
    /// Unconditional: a rollup computed from an older state names an older version, so readers see it stale.
    /// </summary>
    public Task WriteAsync(string partition, IEnumerable<(int Hour, string Source, string Data)> hours, CancellationToken cancellationToken) =>
        HourRollupRows.WriteAsync(Table, HourRows, partition, hours, cancellationToken);

}
