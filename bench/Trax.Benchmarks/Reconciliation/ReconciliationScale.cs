using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Trax.Core;
using Trax.PostbackLog;
using Trax.Testing;

namespace Trax.Benchmarks.Reconciliation;

/// <summary>
/// Reconciliation cost against size: N conversions of one network over a 30-day month (written as the processor
/// writes them: log row, index row and hour marker in one transaction), 1 in 50 postbacks refused, and the network's
/// export of N rows (1 in 20 only in the export, 1 in 20 with a status of its own, 1 in 20 a cent off), reconciled
/// through <c>POST /api/reconciliations</c>. Per size: the time of the whole call, its storage requests by table,
/// and requests per 1,000 export rows.
/// </summary>
public static class ReconciliationScale
{
    private static readonly DateTimeOffset Month = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<string> RunAsync(string connectionString, int rows)
    {
        var clock = new FakeTimeProvider(Month.AddDays(35));
        // Azurite answers one request at a time and scans its table for each query, so more than two log queries in
        // flight only wait there, past the SDK's 10-second timeout at 100,000 conversions (Azure serves a
        // partition's range from its index, in parallel: the default is 16).
        await using var trax = await TraxApp.StartAsync(connectionString, time: clock, measuring: true,
            settings: new Dictionary<string, string?> { ["Trax:Reconciliation:ReadConcurrency"] = "2" });
        var seeding = Stopwatch.StartNew();
        var csv = await SeedAsync(trax, rows);
        seeding.Stop();
        Console.WriteLine($"// seeded {rows:N0} conversions in {seeding.Elapsed.TotalSeconds:0} s");

        trax.Requests.Reset();
        var allocated = GC.GetTotalAllocatedBytes(true);
        var watch = Stopwatch.StartNew();
        var answer = await trax.SendAsync(HttpRequests.Create(
            "POST", "/api/reconciliations?network=bench&from=2026-11-01&to=2026-11-30&tz=Europe/Paris&preset=trax", csv, "text/csv"));
        watch.Stop();
        var bytes = GC.GetTotalAllocatedBytes(true) - allocated;
        if (answer.StatusCode != 201)
        {
            throw new InvalidOperationException($"The reconciliation failed: {answer.StatusCode} {answer.Text}");
        }

        var byKind = trax.RequestsByKind();
        int Of(string resource) => byKind.Where(r => r.Request.Resource == resource).Sum(r => r.Count);
        var total = byKind.Sum(r => r.Count);
        Console.WriteLine($"// {rows:N0} rows: {watch.Elapsed.TotalSeconds:0.0} s, {total} requests");
        return string.Create(CultureInfo.InvariantCulture,
            $"| {rows:N0} | {watch.Elapsed.TotalSeconds:0.0} s | {rows / watch.Elapsed.TotalSeconds:N0} | {Of("PostbackLog")} | {Of("Reconciliations")} | {total} | {1000.0 * total / rows:0.0} | {bytes / 1024.0 / 1024:0} MB |\n");
    }

    /// <summary>The month's conversions and refusals in the log, and the network's export of them as CSV.</summary>
    private static async Task<string> SeedAsync(TraxApp trax, int rows)
    {
        var store = trax.Get<PostbackLogStore>();
        var span = TimeSpan.FromDays(30).Ticks;
        var csv = new StringBuilder("clickid,type,txid,status,payout,currency,time\r\n");
        var items = Enumerable.Range(0, rows).Select(i =>
        {
            var r = new Random(i);
            return (I: i, At: Month.AddHours(1).AddTicks((long)(r.NextDouble() * (span - TimeSpan.FromHours(3).Ticks))), Kind: r.Next(100), Payout: r.Next(100, 50000) / 100m);
        }).ToList();
        foreach (var item in items)
        {
            var status = item.Kind is >= 10 and < 15 ? "rejected" : "approved";
            var amount = item.Kind is >= 15 and < 20 ? item.Payout + 0.01m : item.Payout;
            csv.Append(CultureInfo.InvariantCulture, $"c{item.I},sale,T-{item.I},{status},{amount},EUR,{item.At.ToOffset(TimeSpan.FromHours(1)):yyyy-MM-dd HH:mm:ss}\r\n");
        }

        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (item, ct) =>
        {
            var id = PostbackIds.New(item.At);
            if (item.Kind < 2)
            {
                await store.TryAddRejectedAsync(
                    new PostbackLogEntry { PostbackId = id, ReceivedAt = item.At, Type = "sale", Outcome = PostbackOutcomes.Rejected, ClickId = "c" + item.I, Network = "bench", Reason = "invalid-token" },
                    TimeSpan.FromSeconds(30), ct);
                return;
            }

            if (item.Kind < 5)
            {
                return;
            }

            var key = global::Trax.Storage.Keys.ConversionRow("sale", "T-" + item.I);
            var entry = new PostbackLogEntry { PostbackId = id, ReceivedAt = item.At, Type = "sale", Outcome = "created", ClickId = "c" + item.I };
            var index = new DayIndexEntry
            {
                PostbackId = id, ReceivedAt = item.At, Type = "sale", ClickId = "c" + item.I, ConversionKey = key, Network = "bench",
                Currency = "EUR", Payout = item.Payout, Status = "approved", StatusBy = id, MoneyBy = id, CurrencyBy = id, Version = 1,
            };
            await store.WriteAsync(entry, LogWrite.Replace, index, ct);
        });
        return csv.ToString();
    }
}
