using System.Globalization;
using Azure.Data.Tables;
using Trax.PostbackLog;
using Trax.Storage;

namespace Trax.Rollups;

/// <summary>
/// The second level of rollups (<see cref="DayRollupRows"/>) and the markers that say whether a day row is current,
/// in the PostbackLog table. It reads and writes what it is told; <see cref="DayRollupRoller"/> decides.
/// </summary>
public sealed class DayRollupStore(TableClient table) : TableStore(table)
{
    private static readonly string[] KeysOnly = ["PartitionKey", "RowKey"];

    /// <summary>The day rows of <paramref name="first"/> to <paramref name="last"/>: one key-range query across the month partitions (paged).</summary>
    public async Task<Dictionary<DateOnly, DayRollup>> ReadDaysAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {DayRollupRows.Partition(first)} and PartitionKey le {DayRollupRows.Partition(last)} and RowKey ge {DayRollupRows.Row(first)} and RowKey le {DayRollupRows.Row(last)}");
        var days = new Dictionary<DateOnly, DayRollup>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, 1000, cancellationToken: cancellationToken))
        {
            if (DayRollupRows.DayOf(row.RowKey) is { } day)
            {
                days[day] = new DayRollup(day, row.GetString("Source") ?? "", PackedBytes.Read(row), Conversions: row.GetInt64("Conversions"));
            }
        }

        return days;
    }

    /// <summary>
    /// The day marker of each of one shard's days <paramref name="first"/> to <paramref name="last"/> (a day without
    /// one is missing): one query over that shard's contiguous partitions, keys only, one row a day (a page up to
    /// 1,000 days). Azure reads every row of those partitions to find the markers (the log and index rows too) and
    /// Azurite every entity of the table, so its cost grows with conversions (<see cref="ReadDayMarkerAsync"/> does not).
    /// The row key is tested first: Azurite evaluates the filter left to right, and almost no entity is a day marker
    /// (the order changes nothing on Azure).
    /// </summary>
    public async Task<Dictionary<DateOnly, string>> ReadDayMarkersAsync(int shard, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"RowKey eq {HourMarkers.DayRow} and PartitionKey ge {PostbackLogKeys.LogPartition(first, shard)} and PartitionKey le {PostbackLogKeys.LogPartition(last, shard)}");
        var markers = new Dictionary<DateOnly, string>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, 1000, KeysOnly, cancellationToken))
        {
            if (DayOfPartition(row.PartitionKey) is { } day)
            {
                markers[day] = row.ETag.ToString();
            }
        }

        return markers;
    }

    /// <summary>The day marker of one shard-day, or null when it has none: one point read (one seek on Azure), keys only.</summary>
    public async Task<string?> ReadDayMarkerAsync(DateOnly day, int shard, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(PostbackLogKeys.LogPartition(day, shard), HourMarkers.DayRow, KeysOnly, cancellationToken);
        return row.HasValue ? row.Value!.ETag.ToString() : null;
    }

    /// <summary>
    /// Touches a shard-day's day marker (an unconditional merge: a new ETag): for a change the day marker missed
    /// (a writer of the previous version), found by the hour roller.
    /// </summary>
    public Task TouchDayMarkerAsync(string partition, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(new TableEntity(partition, HourMarkers.DayRow), TableUpdateMode.Merge, cancellationToken);

    /// <summary>
    /// The source and the hours digest a day row names (<see cref="DayRollup.Hours"/>: null on rows written before
    /// it), or nulls when the day has none or only a row of the first format (JSON text, before <see cref="PackedBytes"/>),
    /// which the roller then rewrites whatever it names.
    /// </summary>
    public async Task<(string? Source, string? Hours)> ReadSourceAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(DayRollupRows.Partition(day), DayRollupRows.Row(day), ["Source", "Hours", "BChunks", "TooBig"], cancellationToken);
        return row.HasValue && (row.Value!.GetInt32("BChunks") is not null || row.Value.GetBoolean("TooBig") == true)
            ? (row.Value.GetString("Source"), row.Value.GetString("Hours"))
            : (null, null);
    }

    /// <summary>Replaces a day row. Unconditional: a row summed under older markers names an older digest, so readers see it stale.</summary>
    public async Task WriteAsync(DayRollup rollup, byte[] data, CancellationToken cancellationToken)
    {
        var row = new TableEntity(DayRollupRows.Partition(rollup.Day), DayRollupRows.Row(rollup.Day)) { ["Source"] = rollup.Source };
        if (rollup.Hours is { } hours)
        {
            row["Hours"] = hours;
        }

        if (rollup.Conversions is { } conversions)
        {
            row["Conversions"] = conversions;
        }

        PackedBytes.Write(row, data);

        await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    private static DateOnly? DayOfPartition(string partition) =>
        partition.Length == 10 && DateOnly.TryParseExact(partition.AsSpan(2), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

}
