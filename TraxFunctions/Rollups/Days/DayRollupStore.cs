using Azure;
using Azure.Data.Tables;
using Trax.PostbackLog;
using Trax.Storage;

namespace Trax.Rollups;

/// <summary>
/// The second level of rollups (<see cref="DayRollupRows"/>), the change marks of their days (<see cref="DayChanges"/>)
/// and the seals of the shard-days under them (<see cref="HourMarkers.SealRow"/>), in the PostbackLog table. It reads
/// and writes what it is told; <see cref="DayRollupRoller"/> decides.
/// </summary>
public sealed class DayRollupStore(TableClient table) : TableStore(table)
{
    /// <summary>
    /// The day rows of <paramref name="first"/> to <paramref name="last"/> and the days among them marked changed: one
    /// key-range query across the month partitions (paged). In each month its marks (<c>changed-</c>) come before its rows
    /// (<c>d-</c>): a mark made after it was read belongs to a change made after it, too.
    /// </summary>
    public async Task<(Dictionary<DateOnly, DayRollup> Rows, HashSet<DateOnly> Changed)> ReadDaysAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {DayRollupRows.Partition(first)} and PartitionKey le {DayRollupRows.Partition(last)} and RowKey ge {DayChanges.Row(first)} and RowKey le {DayRollupRows.Row(last)}");
        var days = new Dictionary<DateOnly, DayRollup>();
        var changed = new HashSet<DateOnly>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, 1000, cancellationToken: cancellationToken))
        {
            if (DayChanges.DayOf(row.RowKey) is { } mark && mark >= first && mark <= last)
            {
                changed.Add(mark);
            }
            else if (DayRollupRows.DayOf(row.RowKey) is { } day && day >= first && day <= last)
            {
                days[day] = new DayRollup(day, PackedBytes.Read(row), row.GetInt64("Conversions"), row.GetBoolean("Sealed") == true);
            }
        }

        return (days, changed);
    }

    /// <summary>
    /// A day row's ETag (null: none) and whether it is sealed and of the binary format (what a report trusts; a row
    /// too big to store counts as of that format: it is read from the hour rollups either way).
    /// </summary>
    public async Task<(ETag? ETag, bool Sealed)> ReadRowAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(DayRollupRows.Partition(day), DayRollupRows.Row(day), ["Sealed", "BChunks", "TooBig"], cancellationToken);
        return row.HasValue
            ? (row.Value!.ETag, row.Value.GetBoolean("Sealed") == true && (row.Value.GetInt32("BChunks") is not null || row.Value.GetBoolean("TooBig") == true))
            : (null, false);
    }

    /// <summary>The days from <paramref name="first"/> to <paramref name="last"/> that have a change mark: one key-range query, keys only.</summary>
    public async Task<List<DateOnly>> ReadMarkedDaysAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {DayChanges.Partition(first)} and PartitionKey le {DayChanges.Partition(last)} and RowKey ge {DayChanges.Row(first)} and RowKey le {DayChanges.Row(last)}");
        var marked = new List<DateOnly>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, 1000, ["PartitionKey", "RowKey"], cancellationToken))
        {
            if (DayChanges.DayOf(row.RowKey) is { } day)
            {
                marked.Add(day);
            }
        }

        return marked;
    }

    /// <summary>The ETag of a day's change mark, or null when it has none.</summary>
    public async Task<ETag?> ReadChangedAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(DayChanges.Partition(day), DayChanges.Row(day), ["RowKey"], cancellationToken);
        return row.HasValue ? row.Value!.ETag : null;
    }

    /// <summary>Marks a day changed (a new ETag each time): for a change found by the hour roller that no mark covers.</summary>
    public Task MarkChangedAsync(DateOnly day, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(DayChanges.Mark(day), TableUpdateMode.Replace, cancellationToken);

    /// <summary>Deletes a day's change mark if it is still the one read (<paramref name="etag"/>); false when it moved.</summary>
    public async Task<bool> ClearChangedAsync(DateOnly day, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(DayChanges.Partition(day), DayChanges.Row(day), etag, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Seals a shard-day: deletes its day marker and moves its seal, both as read (<paramref name="dayMarker"/>,
    /// <paramref name="seal"/>; null: there was none), in one transaction. False when either moved: a write landed.
    /// </summary>
    public async Task<bool> SealAsync(string partition, string? dayMarker, string? seal, CancellationToken cancellationToken)
    {
        List<TableTransactionAction> actions = [HourMarkers.KeepSeal(partition, seal is null ? null : new ETag(seal))];
        if (dayMarker is not null)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, HourMarkers.DayRow), new ETag(dayMarker)));
        }

        try
        {
            await Table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Opens a shard-day before its first write (its day marker and a seal, only if neither exists), so that write is
    /// one request; false when it was open or sealed already.
    /// </summary>
    public async Task<bool> PrepareAsync(string partition, CancellationToken cancellationToken)
    {
        try
        {
            await Table.SubmitTransactionAsync([HourMarkers.OpenDay(partition), HourMarkers.KeepSeal(partition, null)], cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Writes a day row, sealed, if the row is still the one read (<paramref name="over"/>; null: none was there);
    /// false when another roller wrote it since.
    /// </summary>
    public async Task<bool> WriteAsync(DayRollup rollup, byte[] data, ETag? over, CancellationToken cancellationToken)
    {
        var row = new TableEntity(DayRollupRows.Partition(rollup.Day), DayRollupRows.Row(rollup.Day)) { ["Sealed"] = rollup.Sealed };
        if (rollup.Conversions is { } conversions)
        {
            row["Conversions"] = conversions;
        }

        PackedBytes.Write(row, data);
        try
        {
            await (over is { } etag ? Table.UpdateEntityAsync(row, etag, TableUpdateMode.Replace, cancellationToken) : Table.AddEntityAsync(row, cancellationToken));
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }
}
