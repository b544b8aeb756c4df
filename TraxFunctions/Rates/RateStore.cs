using Azure;
using Azure.Data.Tables;
using Trax.Storage;

namespace Trax.Rates;

/// <summary>
/// The Rates table (<see cref="RatesEntity"/>): a day's rates are replaced whole, by an operator unconditionally, by
/// the timer only under the version it read; any range of days is one query.
/// </summary>
public sealed class RateStore(TableClient table) : TableStore(table)
{
    /// <summary>Stores the day's rates, replacing whatever that day held (an operator's PUT: last writer wins).</summary>
    public async Task ReplaceAsync(DayRates rates, DateTimeOffset now, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(RatesEntity.From(rates, now), TableUpdateMode.Replace, cancellationToken);

    /// <summary>Stores the day's rates if the day has none yet; false (nothing written) if it has.</summary>
    public Task<bool> TryAddAsync(DayRates rates, DateTimeOffset now, CancellationToken cancellationToken) =>
        TryInsertAsync(RatesEntity.From(rates, now), cancellationToken);

    /// <summary>Replaces the day's rates if they are still the <paramref name="version"/> read; false if they changed.</summary>
    public async Task<bool> TryReplaceAsync(DayRates rates, string version, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await Table.UpdateEntityAsync(RatesEntity.From(rates, now), new ETag(version), TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Every stored day from <paramref name="from"/> to <paramref name="to"/> (both included), oldest first: one query.</summary>
    public async Task<IReadOnlyList<StoredRates>> ListAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {RateKeys.RatesPartition(from)} and PartitionKey le {RateKeys.RatesPartition(to)} and RowKey ge {RateKeys.RatesRow(from)} and RowKey le {RateKeys.RatesRow(to)}");
        var days = new List<StoredRates>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (RatesEntity.ToRates(entity) is { } rates)
            {
                days.Add(new StoredRates(rates, entity.ETag.ToString()));
            }
        }

        return [.. days.OrderBy(d => d.Rates.Day)];
    }
}
