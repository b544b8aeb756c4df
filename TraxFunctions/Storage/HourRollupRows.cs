using Azure.Data.Tables;

namespace Trax.Storage;

/// <summary>
/// The hour markers and hour rollups of a shard-day partition, read and written the same way in each table that
/// keeps them (<see cref="HourRollupKeys"/>): a store passes its table and its keys; the roller and readers decide.
/// </summary>
public static class HourRollupRows
{
    /// <summary>A shard-day's markers and rollups: one range query, at most 48 rows.</summary>
    public static async Task<HourRollupState> ReadStateAsync(TableClient table, HourRollupKeys keys, string partition, CancellationToken cancellationToken)
    {
        var state = new HourRollupState();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {keys.From} and RowKey lt {keys.End}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, 1000, cancellationToken: cancellationToken))
        {
            if (keys.MarkerHour(row.RowKey) is { } marked)
            {
                state.Markers[marked] = row.ETag.ToString();
            }
            else if (keys.DayRow is { } dayRow && row.RowKey == dayRow)
            {
                state.DayMarker = row.ETag.ToString();
            }
            else if (keys.SealRow is { } sealRow && row.RowKey == sealRow)
            {
                state.Seal = row.ETag.ToString();
            }
            else if (keys.RollupHour(row.RowKey) is { } rolled)
            {
                state.Rollups[rolled] = (row.GetString("Source") ?? "", PackedText.Read(row));
            }
        }

        return state;
    }

    /// <summary>
    /// Replaces the rollups of some hours of a shard-day, each naming the marker version it was computed from.
    /// Unconditional: a rollup computed from an older state names an older version, so readers see it stale.
    /// </summary>
    public static async Task WriteAsync(TableClient table, HourRollupKeys keys, string partition, IEnumerable<(int Hour, string Source, string Data)> hours, CancellationToken cancellationToken)
    {
        // A transaction carries at most 100 entities and 4 MiB: rows go in batches of about 1.5 million characters.
        var batch = new List<TableTransactionAction>();
        var chars = 0;
        foreach (var (hour, source, data) in hours)
        {
            var row = new TableEntity(partition, keys.RollupRow(hour)) { ["Source"] = source };
            PackedText.Write(row, data);

            if (batch.Count > 0 && chars + data.Length > 1_500_000)
            {
                await table.SubmitTransactionAsync(batch, cancellationToken);
                batch = [];
                chars = 0;
            }

            batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
            chars += data.Length;
        }

        if (batch.Count > 0)
        {
            await table.SubmitTransactionAsync(batch, cancellationToken);
        }
    }
}
