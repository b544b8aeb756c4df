using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Trax.Storage;

namespace Trax.Clicks;

/// <summary>
/// The Traffic table's click rows, hour markers and hour rollups (<see cref="ClickDayKeys"/>). A click row and its
/// hour's marker are written in one transaction (one request), so a click and the mark that its hour changed land
/// together or not at all. It reads and writes what it is told; the roller and the report decide.
/// </summary>
public sealed class ClickDayStore(TableClient table) : TableStore(table)
{
    /// <summary>Counts a stored click: insert-if-absent keyed by its id; false (nothing written) when it was counted before.</summary>
    public async Task<bool> TryAddAsync(Click click, CancellationToken cancellationToken)
    {
        var row = ClickDayEntity.From(click);
        var marker = new TableEntity(row.PartitionKey, ClickDayKeys.MarkerRow(click.ClickedAt.UtcDateTime.Hour));
        try
        {
            await Table.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.Add, row), new TableTransactionAction(TableTransactionActionType.UpsertMerge, marker)],
                cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.ErrorCode == TableErrorCode.EntityAlreadyExists)
        {
            return false;
        }
    }

    /// <summary>
    /// Takes back a click row this request may have added for a click that could not be stored (the redirect's undo),
    /// marking its hour again so a rollup that counted it is stale. False when there was no row to take back.
    /// </summary>
    public Task<bool> RemoveAsync(Click click, CancellationToken cancellationToken) =>
        RemoveAsync(click.ClickId, click.ClickedAt, ETag.All, cancellationToken);

    /// <summary>
    /// Removes a click row whose click is not stored (the recount), if it is still the version read, and marks its
    /// hour again. False when there was no such row, or it changed.
    /// </summary>
    public async Task<bool> RemoveAsync(string clickId, DateTimeOffset clickedAt, ETag version, CancellationToken cancellationToken)
    {
        var partition = ClickDayKeys.Partition(clickId, clickedAt);
        try
        {
            await Table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, ClickDayKeys.ClickRow(clickId)), version),
                new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity(partition, ClickDayKeys.MarkerRow(clickedAt.UtcDateTime.Hour))),
            ], cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.ErrorCode == TableErrorCode.ResourceNotFound || ex.Status == 412)
        {
            return false;
        }
    }

    /// <summary>
    /// One page of click rows across every day, in key order, with the version of each, and the token of the next
    /// page (null at the end): for the recount, which looks for counts whose click is not stored.
    /// </summary>
    public async Task<(IReadOnlyList<(CountedClick Click, ETag Version)> Rows, string? Next)> ListPageAsync(int limit, string? token, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey ge {ClickDayKeys.ClickPrefix} and RowKey lt {ClickDayKeys.ClicksEnd}");
        await foreach (var page in Table.QueryAsync<ClickDayEntity>(filter, limit, cancellationToken: cancellationToken).AsPages(token, limit))
        {
            return ([.. page.Values.Select(e => (e.ToCounted(), e.ETag))], page.ContinuationToken);
        }

        return ([], null);
    }

    private static readonly HourRollupKeys HourRows = new(
        ClickDayKeys.MarkerPrefix, ClickDayKeys.StateEnd, ClickDayKeys.MarkerHour, ClickDayKeys.RollupHour, ClickDayKeys.RollupRow);

    /// <summary>A shard-day's markers and rollups: one range query, at most 48 rows.</summary>
    public Task<HourRollupState> ReadStateAsync(string partition, CancellationToken cancellationToken) =>
        HourRollupRows.ReadStateAsync(Table, HourRows, partition, cancellationToken);

    /// <summary>The clicks of a shard-day made in [<paramref name="from"/>, <paramref name="to"/>): one key-range query, paged.</summary>
    public async Task<List<CountedClick>> ReadClicksAsync(string partition, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {ClickDayKeys.ClickPrefix} and RowKey lt {ClickDayKeys.ClicksEnd}");
        var clicks = new List<CountedClick>();
        await foreach (var row in Table.QueryAsync<ClickDayEntity>(filter, 1000, cancellationToken: cancellationToken))
        {
            if (row.ClickedAt >= from && row.ClickedAt < to)
            {
                clicks.Add(row.ToCounted());
            }
        }

        return clicks;
    }

    /// <summary>
    /// Replaces the rollups of some hours of a shard-day, each naming the marker version it was computed from.
    /// Unconditional: a rollup computed from an older state names an older version, so readers see it stale.
    /// </summary>
    public Task WriteRollupsAsync(string partition, IEnumerable<(int Hour, string Source, string Data)> hours, CancellationToken cancellationToken) =>
        HourRollupRows.WriteAsync(Table, HourRows, partition, hours, cancellationToken);

}
