using Azure.Data.Tables;

namespace Trax.PostbackLog;

/// <summary>
/// The searches of the conversion search API over the day index, one UTC day at a time: one range query
/// per shard (<see cref="PostbackLogKeys.LogShards"/> per day), filtered in storage on the fields stored as they are
/// compared (type, click id, conversion key), so the rows that come back are about what was asked.
/// </summary>
public sealed partial class PostbackLogStore
{
    /// <summary>
    /// The day-index rows of one day (every stored conversion received that day), optionally only those of a type, a
    /// click id or one of some conversion keys (a txid gives one key per type).
    /// </summary>
    public Task<List<DayIndexEntry>> SearchDayIndexAsync(
        DateOnly day, string? type, string? clickId, IReadOnlyCollection<string>? conversionKeys, CancellationToken cancellationToken)
    {
        var parts = new List<string>
        {
            TableClient.CreateQueryFilter($"RowKey ge {PostbackLogKeys.DayIndexRowPrefix}"),
            TableClient.CreateQueryFilter($"RowKey lt {PostbackLogKeys.DayIndexRowsEnd}"),
        };
        if (type is not null)
        {
            parts.Add(TableClient.CreateQueryFilter($"Type eq {type}"));
        }

        if (clickId is not null)
        {
            parts.Add(TableClient.CreateQueryFilter($"ClickId eq {clickId}"));
        }

        if (conversionKeys is { Count: > 0 })
        {
            parts.Add("(" + string.Join(" or ", conversionKeys.Select(k => TableClient.CreateQueryFilter($"ConversionKey eq {k}"))) + ")");
        }

        return ReadDayAsync<DayIndexEntity, DayIndexEntry>(day, string.Join(" and ", parts), e => e.ToEntry(), cancellationToken);
    }

    private async Task<List<T>> ReadDayAsync<TEntity, T>(DateOnly day, string filter, Func<TEntity, T> map, CancellationToken cancellationToken)
        where TEntity : class, ITableEntity
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, PostbackLogKeys.LogShards).Select(async shard =>
        {
            var partition = TableClient.CreateQueryFilter($"PartitionKey eq {PostbackLogKeys.LogPartition(day, shard)}");
            var rows = new List<T>();
            await foreach (var row in Table.QueryAsync<TEntity>($"{partition} and {filter}", 1000, cancellationToken: cancellationToken))
            {
                rows.Add(map(row));
            }

            return rows;
        }));
        return [.. shards.SelectMany(rows => rows)];
    }
}
