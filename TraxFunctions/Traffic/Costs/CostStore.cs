using System.Globalization;
using Azure.Data.Tables;
using Trax.Storage;

namespace Trax.Traffic;

/// <summary>
/// Uploaded costs, in the Traffic table beside the click rows: partition <c>k-{yyyyMMdd}</c> (the cost's day; the
/// click partitions start with a shard digit, so the two never meet), row <c>{kind}-{value}</c>. A row is replaced
/// whole by a later upload of the same key, so uploading a file again writes the same rows.
/// </summary>
public sealed class CostStore(TableClient table)
{
    private const string PartitionPrefix = "k-";

    public static string Partition(DateOnly day) => PartitionPrefix + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static string Row(string kind, string value) => Keys.Bounded(string.Concat(kind, "-", Keys.Encode(value)));

    /// <summary>Stores the rows, replacing each key's earlier value: one transaction per day, 100 rows at most each.</summary>
    public async Task SaveAsync(IEnumerable<UploadedCost> costs, DateTimeOffset uploadedAt, CancellationToken cancellationToken)
    {
        foreach (var day in costs.GroupBy(c => c.Day))
        {
            foreach (var chunk in day.Chunk(100))
            {
                var actions = chunk.Select(c => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition(c.Day), Row(c.Kind, c.Value))
                {
                    ["Day"] = c.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["Kind"] = c.Kind,
                    ["Value"] = c.Value,
                    ["Amount"] = Input.Payout.Format(c.Amount),
                    ["Currency"] = c.Currency,
                    ["UploadedAt"] = uploadedAt,
                }));
                await table.SubmitTransactionAsync(actions, cancellationToken);
            }
        }
    }

    /// <summary>The costs of the days <paramref name="from"/> to <paramref name="to"/>: one range query over their partitions.</summary>
    public async Task<List<UploadedCost>> ListAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {Partition(from)} and PartitionKey le {Partition(to)}");
        var costs = new List<UploadedCost>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, 1000, cancellationToken: cancellationToken))
        {
            if (DateOnly.TryParseExact(row.GetString("Day"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                && Input.Payout.ParseStored(row.GetString("Amount")) is { } amount)
            {
                costs.Add(new UploadedCost(day, row.GetString("Kind") ?? "", row.GetString("Value") ?? "", amount, row.GetString("Currency")));
            }
        }

        return costs;
    }
}
