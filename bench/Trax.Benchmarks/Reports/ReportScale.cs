using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Trax.Core;
using Trax.PostbackLog;
using Trax.Postbacks;
using Trax.Reports;
using Trax.Rollups;
using Trax.Testing;
using Trax.Zones;

namespace Trax.Benchmarks.Reports;

/// <summary>
/// Report cost against the number of conversions: N conversions over 90 UTC days, written as the processor writes
/// them (log row, index row and hour marker in one transaction), then the report over the last 1, 7 and 90 days in
/// UTC and America/St_Johns, read twice: before any rollup (every hour read live from the index, as before rollups)
/// and after rolling. Per case: median latency of 5 runs, storage requests and bytes allocated per run.
/// </summary>
public static class ReportScale
{
    private static readonly DateTimeOffset FirstDay = new(2026, 8, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<string> RunAsync(string connectionString, int conversions, int runs)
    {
        var clock = new FakeTimeProvider(FirstDay.AddDays(91).AddHours(1));
        await using var trax = await TraxApp.StartAsync(connectionString, time: clock, measuring: true);
        var seeding = Stopwatch.StartNew();
        await SeedAsync(trax, conversions);
        seeding.Stop();
        Console.WriteLine($"// seeded {conversions:N0} conversions in {seeding.Elapsed.TotalSeconds:0} s");

        var rows = new StringBuilder();
        var before = await MeasureAllAsync(trax, runs);
        var rolling = Stopwatch.StartNew();
        trax.Requests.Reset();
        var hours = await trax.Get<RollupRoller>().RollDaysAsync(DateOnly.FromDateTime(FirstDay.UtcDateTime), DateOnly.FromDateTime(FirstDay.AddDays(90).UtcDateTime), CancellationToken.None);
        rolling.Stop();
        var rollRequests = trax.Requests.Total;
        var after = await MeasureAllAsync(trax, runs);
        foreach (var (key, live) in before)
        {
            var rolled = after[key];
            rows.AppendLine(CultureInfo.InvariantCulture,
                $"| {conversions:N0} | {key.Days} | {key.Zone} | {live.Ms:0} ms, {live.Requests}, {live.Bytes / 1024.0 / 1024:0.0} MB | {rolled.Ms:0} ms, {rolled.Requests}, {rolled.Bytes / 1024.0 / 1024:0.0} MB | {live.Ms / Math.Max(rolled.Ms, 0.001):0.0}× |");
        }

        rows.AppendLine(CultureInfo.InvariantCulture,
            $"| {conversions:N0} | roll 91 days | | | {rolling.Elapsed.TotalSeconds:0.0} s, {rollRequests} requests, {hours:N0} hour rows | seeding {seeding.Elapsed.TotalSeconds:0} s |");
        return rows.ToString();
    }

    private static async Task<Dictionary<(int Days, string Zone), (double Ms, long Requests, long Bytes)>> MeasureAllAsync(TraxApp trax, int runs)
    {
        var results = new Dictionary<(int, string), (double, long, long)>();
        foreach (var days in new[] { 1, 7, 90 })
        {
            foreach (var zone in new[] { "UTC", "America/St_Johns" })
            {
                var to = DateOnly.FromDateTime(FirstDay.AddDays(89).UtcDateTime);
                var request = new ReportRequest(to.AddDays(1 - days), to, ["day", "type", "network"], ReportRequest.Json) { Zone = Zone.Find(zone) };
                var report = trax.Get<ConversionReport>();
                await report.RunAsync(request, CancellationToken.None);
                var times = new List<double>();
                long requests = 0, bytes = 0;
                for (var run = 0; run < runs; run++)
                {
                    trax.Requests.Reset();
                    var allocated = GC.GetTotalAllocatedBytes(true);
                    var watch = Stopwatch.StartNew();
                    await report.RunAsync(request, CancellationToken.None);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                    bytes = GC.GetTotalAllocatedBytes(true) - allocated;
                    requests = trax.Requests.Total;
                }

                results[(days, zone)] = (times.Order().ElementAt(times.Count / 2), requests, bytes);
                Console.WriteLine($"// {days} days {zone}: {results[(days, zone)]}");
            }
        }

        return results;
    }

    /// <summary>Conversions spread evenly at random over 90 days, in the processor's one transaction each.</summary>
    private static async Task SeedAsync(TraxApp trax, int conversions)
    {
        var store = trax.Get<PostbackLogStore>();
        var random = new Random(19);
        var span = TimeSpan.FromDays(90).Ticks;
        var items = Enumerable.Range(0, conversions).Select(_ => FirstDay.AddTicks((long)(random.NextDouble() * span))).ToList();
        await Parallel.ForEachAsync(items.Select((at, i) => (at, i)), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (item, ct) =>
        {
            var r = new Random(item.i);
            var id = PostbackIds.New(item.at);
            var type = (r.Next(3)) switch { 0 => "ftd", 1 => "reg", _ => "sale" };
            var entry = new PostbackLogEntry { PostbackId = id, ReceivedAt = item.at, Type = type, Outcome = "created", ClickId = "c" + item.i };
            var index = new DayIndexEntry
            {
                PostbackId = id, ReceivedAt = item.at, Type = type, ClickId = "c" + item.i, ConversionKey = type,
                Network = "net" + r.Next(5), Program = "p" + r.Next(4), Campaign = "camp" + r.Next(6),
                Attribution = r.Next(10) == 0 ? Attributions.Unattributed : Attributions.Attributed,
                Currency = r.Next(3) switch { 0 => "EUR", 1 => "USD", _ => "GBP" }, Payout = r.Next(1, 50000) / 100m,
                Status = r.Next(4) switch { 0 => "pending", 1 => "rejected", _ => "approved" }, StatusBy = id, MoneyBy = id, CurrencyBy = id, Version = 1,
            };
            await store.WriteAsync(entry, LogWrite.Replace, index, ct);
        });
    }
}
