#:package Azure.Data.Tables@12.13.0
#:property JsonSerializerIsReflectionEnabledByDefault=true
// How the two ways of reading the 8 shards' day markers of a 90-day range cost Azurite as the table grows:
// 8 keys-only range queries (what DayRollupStore.ReadDayMarkersAsync does: Azurite scans the whole table for each,
// Azure reads every row of the shard's partitions in the range) against 720 point reads (one per shard-day: one index
// seek each on Azure and on Azurite). Side by side, alternating, median of 5, on a throw-away Azurite table.
// Run (docs/performance.md#reports-at-scale), with a throw-away in-memory Azurite table endpoint on 127.0.0.1:10102:
//   npx azurite-table --tableHost 127.0.0.1 --tablePort 10102 --inMemoryPersistence --skipApiVersionCheck &
//   dotnet run bench/azurite/marker-reads.cs -- 10000 100000 300000 1000000
using System.Diagnostics;
using Azure.Data.Tables;

const int Days = 90, Shards = 8;
var connection = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
    + "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
    + "TableEndpoint=http://127.0.0.1:10102/devstoreaccount1;";
var table = new TableClient(connection, "markerreads" + Environment.ProcessId);
await table.CreateIfNotExistsAsync();
string Partition(int shard, int day) => $"{shard}-{DateOnly.FromDayNumber(739_000 + day):yyyyMMdd}";

Console.WriteLine("| rows in the table | 8 range queries | 720 point reads |");
Console.WriteLine("| --- | --- | --- |");
var seeded = 0;
foreach (var size in args.Select(int.Parse))
{
    // Grow the table to `size` index-like rows (plus one day marker per shard-day), 99 and the marker a transaction.
    var gate = new SemaphoreSlim(8);
    var writes = new List<Task>();
    for (var row = seeded; row < size; row += 99)
    {
        var partition = Partition(row / 99 % Shards, row / 99 / Shards % Days);
        var batch = Enumerable.Range(row, Math.Min(99, size - row))
            .Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                new TableEntity(partition, $"c-{i:D8}") { ["Type"] = "ftd", ["Network"] = $"net{i % 5}", ["Payout"] = "1.50" }))
            .Append(new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity(partition, "a--day")))
            .ToList();
        await gate.WaitAsync();
        writes.Add(Task.Run(async () => { try { await table.SubmitTransactionAsync(batch); } finally { gate.Release(); } }));
    }

    await Task.WhenAll(writes);
    seeded = size;

    var (queries, points) = (new List<long>(), new List<long>());
    for (var run = 0; run < 6; run++)
    {
        var clock = Stopwatch.StartNew();
        var found = (await Task.WhenAll(Enumerable.Range(0, Shards).Select(async shard =>
        {
            var count = 0;
            var filter = $"RowKey eq 'a--day' and PartitionKey ge '{Partition(shard, 0)}' and PartitionKey le '{Partition(shard, Days - 1)}'";
            await foreach (var _ in table.QueryAsync<TableEntity>(filter, 1000, ["PartitionKey", "RowKey"]))
            {
                count++;
            }

            return count;
        }))).Sum();
        var queried = clock.ElapsedMilliseconds;

        clock.Restart();
        var reads = new SemaphoreSlim(16);
        var got = (await Task.WhenAll(Enumerable.Range(0, Shards * Days).Select(async i =>
        {
            await reads.WaitAsync();
            try
            {
                return (await table.GetEntityIfExistsAsync<TableEntity>(Partition(i % Shards, i / Shards), "a--day", ["PartitionKey"])).HasValue ? 1 : 0;
            }
            finally
            {
                reads.Release();
            }
        }))).Sum();
        var pointed = clock.ElapsedMilliseconds;
        if (found != got)
        {
            throw new InvalidOperationException($"The two reads disagree: {found} against {got} markers.");
        }

        if (run > 0)
        {
            // The first run warms both paths (connections, JIT) and is not counted.
            queries.Add(queried);
            points.Add(pointed);
        }
    }

    long Median(List<long> times) => times.Order().ElementAt(times.Count / 2);
    Console.WriteLine($"| {size:N0} | {Median(queries):N0} ms | {Median(points):N0} ms |");
}

await table.DeleteAsync();
