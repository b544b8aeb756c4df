using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
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
/// Report cost against the number of conversions: N conversions over 90 UTC days, then the report over the last 1, 7
/// and 90 days in UTC and America/St_Johns, read three ways: before any rollup (every hour live from the index; only
/// up to 10,000 conversions, it is what reports cost before rollups), with the hour rollups only (the first level),
/// and with the day rows too (the second level: the day rows and their days' change marks, one query). Per case: median latency of the runs after a warm-up, storage
/// requests and bytes allocated of one run. Up to 10,000 conversions are written as the processor writes them (log
/// row, index row and marker in one transaction each); above that the index rows and their markers are written
/// directly in transactions of up to 100 entities per shard-day (no log rows: reports never read them, and retention
/// keeps only the last 31 days of them), which is what makes 1,000,000 possible to seed here.
/// </summary>
public static class ReportScale
{
    private static readonly DateTimeOffset FirstDay = new(2026, 8, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] ZoneIds = ["UTC", "America/St_Johns"];

    public static async Task<string> RunAsync(string connectionString, int conversions, int runs)
    {
        var clock = new FakeTimeProvider(FirstDay.AddDays(91).AddHours(1));
        await using var trax = await TraxApp.StartAsync(connectionString, time: clock, measuring: true);
        var seeding = Stopwatch.StartNew();
        if (conversions <= 10_000)
        {
            await SeedAsProcessorAsync(trax, conversions);
        }
        else
        {
            await SeedDirectAsync(trax, conversions);
        }

        seeding.Stop();
        Console.WriteLine($"// seeded {conversions:N0} conversions in {seeding.Elapsed.TotalSeconds:0} s");

        var (first, last) = (DateOnly.FromDateTime(FirstDay.UtcDateTime), DateOnly.FromDateTime(FirstDay.AddDays(90).UtcDateTime));
        var before = conversions <= 10_000 ? await MeasureAllAsync(trax, runs, "before") : null;

        // The first level alone: the hour rollups of every shard-day (what reports read before the day rows).
        var rolling = Stopwatch.StartNew();
        trax.Requests.Reset();
        var roller = trax.Get<RollupRoller>();
        var hours = await ShardDays.SumAsync(
            ShardDays.Range(first, last), PostbackLogKeys.LogShards, 4, (day, shard, ct) => roller.RollAsync(day, shard, ct), CancellationToken.None);
        var hourRoll = (rolling.Elapsed, trax.Requests.Total);
        // Above 10,000 the first level alone is measured once, without a warm-up: its 90-day report is 729 queries.
        // Above 100,000 only its 1-day report: at 1,000,000 each query is a scan of a million entities on Azurite,
        // and 729 of them queued on its one thread run into the SDK's 10 s timeout.
        var hourly = await MeasureAllAsync(trax, conversions > 10_000 ? 1 : runs, "hour rollups", warmUp: conversions <= 10_000, maxDays: conversions > 100_000 ? 1 : 90);

        rolling.Restart();
        trax.Requests.Reset();
        var dayRows = await trax.Get<DayRollupRoller>().RollDaysAsync(first, last, CancellationToken.None);
        var dayRoll = (rolling.Elapsed, trax.Requests.Total);
        var daily = await MeasureAllAsync(trax, runs, "day rows");

        var rows = new StringBuilder();
        foreach (var (key, rolled) in daily)
        {
            rows.AppendLine(CultureInfo.InvariantCulture,
                $"| {conversions:N0} | {key.Days} | {key.Zone} | {(before is null ? "not measured" : Cell(before[key]))} | {(hourly.TryGetValue(key, out var hour) ? Cell(hour) : "not measured")} | {Cell(rolled)} |");
        }

        rows.AppendLine(CultureInfo.InvariantCulture,
            $"| {conversions:N0} | seed, roll | | seeding {seeding.Elapsed.TotalSeconds:0} s | hours: {hourRoll.Elapsed.TotalSeconds:0.0} s, {hourRoll.Total:N0} requests, {hours:N0} rows | days: {dayRoll.Elapsed.TotalSeconds:0.0} s, {dayRoll.Total:N0} requests, {dayRows} rows |");
        return rows.ToString();
    }

    private static string Cell((double Ms, long Requests, long Bytes) m) =>
        string.Create(CultureInfo.InvariantCulture, $"{m.Ms:N0} ms, {m.Requests:N0}, {m.Bytes / 1024.0 / 1024:0.0} MB");

    private static async Task<Dictionary<(int Days, string Zone), (double Ms, long Requests, long Bytes)>> MeasureAllAsync(TraxApp trax, int runs, string what, bool warmUp = true, int maxDays = 90)
    {
        var results = new Dictionary<(int, string), (double, long, long)>();
        foreach (var days in new[] { 1, 7, 90 }.Where(d => d <= maxDays))
        {
            foreach (var zone in ZoneIds)
            {
                var to = DateOnly.FromDateTime(FirstDay.AddDays(89).UtcDateTime);
                var request = new ReportRequest(to.AddDays(1 - days), to, ["day", "type", "network"], ReportRequest.Json) { Zone = Zone.Find(zone) };
                var report = trax.Get<ConversionReport>();
                if (warmUp)
                {
                    await report.RunAsync(request, CancellationToken.None);
                }

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
                Console.WriteLine($"// {what}: {days} days {zone}: {results[(days, zone)]}");
            }
        }

        return results;
    }

    private static DayIndexEntry Entry(DateTimeOffset at, int i)
    {
        var r = new Random(i);
        var id = PostbackIds.New(at);
        var type = r.Next(3) switch { 0 => "ftd", 1 => "reg", _ => "sale" };
        return new DayIndexEntry
        {
            PostbackId = id, ReceivedAt = at, Type = type, ClickId = "c" + i, ConversionKey = type,
            Network = "net" + r.Next(5), Program = "p" + r.Next(4), Campaign = "camp" + r.Next(6),
            Attribution = r.Next(10) == 0 ? Attributions.Unattributed : Attributions.Attributed,
            Currency = r.Next(3) switch { 0 => "EUR", 1 => "USD", _ => "GBP" }, Payout = r.Next(1, 50000) / 100m,
            Status = r.Next(4) switch { 0 => "pending", 1 => "rejected", _ => "approved" }, StatusBy = id, MoneyBy = id, CurrencyBy = id, Version = 1,
        };
    }

    private static List<DateTimeOffset> Times(int conversions)
    {
        var random = new Random(19);
        var span = TimeSpan.FromDays(90).Ticks;
        return [.. Enumerable.Range(0, conversions).Select(_ => FirstDay.AddTicks((long)(random.NextDouble() * span)))];
    }

    /// <summary>Conversions spread evenly at random over 90 days, in the processor's one transaction each.</summary>
    private static async Task SeedAsProcessorAsync(TraxApp trax, int conversions)
    {
        var store = trax.Get<PostbackLogStore>();
        await Parallel.ForEachAsync(Times(conversions).Select((at, i) => (at, i)), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (item, ct) =>
        {
            var index = Entry(item.at, item.i);
            var entry = new PostbackLogEntry { PostbackId = index.PostbackId, ReceivedAt = item.at, Type = index.Type, Outcome = "created", ClickId = index.ClickId };
            await store.WriteAsync(entry, LogWrite.Replace, index, ct);
        });
    }

    /// <summary>
    /// The same conversions' index rows, each shard-day's in receipt order in transactions of up to 100 entities: the
    /// rows, the markers of the hours they fall in and the shard-day's day marker, as the processor's writes leave them.
    /// </summary>
    internal static async Task SeedDirectAsync(TraxApp trax, int conversions)
    {
        // Opened first, as the rollup timer opens each day before it (the day marker a write touches must exist).
        await ShardDays.SumAsync(
            ShardDays.Range(DateOnly.FromDateTime(FirstDay.UtcDateTime), DateOnly.FromDateTime(FirstDay.AddDays(91).UtcDateTime)), 1, 4,
            async (day, _, ct) => { await trax.Get<DayRollupRoller>().PrepareAsync(day, ct); return 0; }, CancellationToken.None);
        var batches = new List<List<TableTransactionAction>>();
        foreach (var partition in Times(conversions).Select((at, i) => DayIndexEntity.From(Entry(at, i))).GroupBy(e => e.PartitionKey))
        {
            List<TableTransactionAction> batch = [HourMarkers.TouchDay(partition.Key)];
            var marked = new HashSet<int>();
            foreach (var row in partition.OrderBy(e => e.ReceivedAt))
            {
                var hour = row.ReceivedAt.UtcDateTime.Hour;
                if (batch.Count + (marked.Contains(hour) ? 1 : 2) > 100)
                {
                    batches.Add(batch);
                    (batch, marked) = ([HourMarkers.TouchDay(partition.Key)], []);
                }

                if (marked.Add(hour))
                {
                    batch.Add(HourMarkers.Touch(row.PartitionKey, row.ReceivedAt));
                }

                batch.Add(new TableTransactionAction(TableTransactionActionType.Add, row));
            }

            batches.Add(batch);
        }

        var done = 0;
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (batch, ct) =>
        {
            await trax.PostbackLog.SubmitTransactionAsync(batch, ct);
            if (Interlocked.Increment(ref done) % 2000 == 0)
            {
                Console.WriteLine($"// {done:N0} of {batches.Count:N0} transactions");
            }
        });
    }
}
