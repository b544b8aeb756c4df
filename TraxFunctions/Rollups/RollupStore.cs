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
    /// <summary>A shard-day's markers and rollups: one range query (<c>a-</c> to <c>b.</c>), at most 48 rows.</summary>
    public async Task<ShardDayState> ReadStateAsync(string partition, CancellationToken cancellationToken)
    {
        var state = new ShardDayState();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {HourMarkers.RowPrefix} and RowKey lt {RollupRows.RowsEnd}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, 1000, cancellationToken: cancellationToken))
        {
            if (HourMarkers.HourOf(row.RowKey) is { } marked)
            {
                state.Markers[marked] = row.ETag.ToString();
            }
            else if (row.RowKey == HourMarkers.DayRow)
            {
                state.DayMarker = row.ETag.ToString();
            }
            else if (RollupRows.HourOf(row.RowKey) is { } rolled)
            {
                state.Rollups[rolled] = (row.GetString("Source") ?? "", PackedText.Read(row));
            }
        }

        return state;
    }

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
    public async Task WriteAsync(string partition, IEnumerable<(int Hour, string Source, string Data)> hours, CancellationToken cancellationToken)
    {
        // A transaction carries at most 100 entities and 4 MiB: rows go in batches of about 1.5 million characters.
        var batch = new List<TableTransactionAction>();
        var chars = 0;
        foreach (var (hour, source, data) in hours)
        {
            var row = new TableEntity(partition, RollupRows.Row(hour)) { ["Source"] = source };
            PackedText.Write(row, data);

            if (batch.Count > 0 && chars + data.Length > 1_500_000)
            {
                await Table.SubmitTransactionAsync(batch, cancellationToken);
                batch = [];
                chars = 0;
            }

            batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
            chars += data.Length;
        }

        if (batch.Count > 0)
        {
            await Table.SubmitTransactionAsync(batch, cancellationToken);
        }
    }

}
