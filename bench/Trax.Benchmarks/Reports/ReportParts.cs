using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using Trax.PostbackLog;
using Trax.Reports;
using Trax.Rollups;
using Trax.Storage;
using Trax.Testing;
using Trax.Zones;

namespace Trax.Benchmarks.Reports;

/// <summary>
/// Where a 90-day report's time goes once its days are rolled (docs/performance.md#reports-at-scale): the same seed as
/// <see cref="ReportScale"/>, then the report, its parts one at a time (the day rows' query, decoding them, the 720 day
/// markers by point read and by 8 queries), the point reads at 1 to 64 in flight with the CPU time Azurite's process
/// spent on them, and the day rows read while the markers are read, from the PostbackLog table and from a table of
/// their own (a layout the app does not use: it shows whether moving the rows would be worth it).
/// </summary>
public static class ReportParts
{
    private static readonly DateTimeOffset FirstDay = new(2026, 8, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<string> RunAsync(string connectionString, int? azuritePid, int conversions)
    {
        var clock = new FakeTimeProvider(FirstDay.AddDays(91).AddHours(1));
        await using var trax = await TraxApp.StartAsync(connectionString, time: clock, measuring: true);
        await ReportScale.SeedDirectAsync(trax, conversions);
        var (first, last) = (DateOnly.FromDateTime(FirstDay.UtcDateTime), DateOnly.FromDateTime(FirstDay.AddDays(90).UtcDateTime));
        var roller = trax.Get<RollupRoller>();
        await ShardDays.SumAsync(ShardDays.Range(first, last), PostbackLogKeys.LogShards, 4, (day, shard, ct) => roller.RollAsync(day, shard, ct), CancellationToken.None);
        await trax.Get<DayRollupRoller>().RollDaysAsync(first, last, CancellationToken.None);

        var output = new StringBuilder();
        void Line(string text)
        {
            output.AppendLine(text);
            Console.WriteLine(text);
        }

        var to = DateOnly.FromDateTime(FirstDay.AddDays(89).UtcDateTime);
        var from = to.AddDays(-89);
        var days = trax.Get<DayRollupStore>();
        var report = trax.Get<ConversionReport>();
        var inRange = Enumerable.Range(0, 90).Select(i => from.AddDays(i)).ToList();
        Task PointReadMarkersAsync(int inFlight) =>
            ShardDays.ForEachAsync(inRange, PostbackLogKeys.LogShards, inFlight, async (day, shard, ct) => await days.ReadDayMarkerAsync(day, shard, ct), CancellationToken.None);

        for (var run = 0; run < 5; run++)
        {
            var cells = new List<string>();
            foreach (var zone in new[] { "UTC", "America/St_Johns" })
            {
                trax.Requests.Reset();
                var watch = Stopwatch.StartNew();
                await report.RunAsync(new ReportRequest(from, to, ["day", "type", "network"], ReportRequest.Json) { Zone = Zone.Find(zone) }, CancellationToken.None);
                cells.Add($"{zone} {watch.ElapsedMilliseconds:N0} ms, {trax.Requests.Total} requests");
            }

            var part = Stopwatch.StartNew();
            var allocated = GC.GetTotalAllocatedBytes(true);
            var rows = await days.ReadDaysAsync(from, to.AddDays(1), CancellationToken.None);
            var (query, queryBytes) = (part.ElapsedMilliseconds, GC.GetTotalAllocatedBytes(true) - allocated);
            part.Restart();
            allocated = GC.GetTotalAllocatedBytes(true);
            var entries = rows.Values.Sum(row => (long)DayRowCodec.Decode(row.Data!)!.Entries.Length);
            var (decode, decodeBytes) = (part.ElapsedMilliseconds, GC.GetTotalAllocatedBytes(true) - allocated);
            part.Restart();
            await PointReadMarkersAsync(16);
            var points = part.ElapsedMilliseconds;
            part.Restart();
            await Task.WhenAll(Enumerable.Range(0, PostbackLogKeys.LogShards).Select(shard => days.ReadDayMarkersAsync(shard, from, to, CancellationToken.None)));
            Line(string.Create(CultureInfo.InvariantCulture,
                $"| report {run + 1} | {string.Join("; ", cells)} — rows query {query:N0} ms ({rows.Count} rows, {rows.Values.Sum(r => r.Data!.Length) / 1e6:0.0} MB of data, {queryBytes / 1e6:0} MB allocated); decoding {decode:N0} ms ({entries:N0} entries, {decodeBytes / 1e6:0} MB); 720 point reads {points:N0} ms; 8 queries {part.ElapsedMilliseconds:N0} ms |"));
        }

        foreach (var inFlight in new[] { 1, 4, 8, 16, 32, 64, 1, 16, 64 })
        {
            var ticks = AzuriteTicks(azuritePid);
            var watch = Stopwatch.StartNew();
            await PointReadMarkersAsync(inFlight);
            Line(string.Create(CultureInfo.InvariantCulture,
                $"| 720 point reads, {inFlight} in flight | {watch.ElapsedMilliseconds:N0} ms, Azurite's CPU {(AzuriteTicks(azuritePid) - ticks) * 10:N0} ms |"));
        }

        // The day rows read while the markers are read (16 in flight), from where they are and from a table of their own.
        var own = new TableServiceClient(connectionString).GetTableClient("DayRows" + Guid.NewGuid().ToString("N")[..8]);
        await own.CreateAsync();
        var dayRowsFilter = TableClient.CreateQueryFilter($"PartitionKey ge {DayRollupRows.Partition(first)} and PartitionKey le {DayRollupRows.Partition(last)}");
        await foreach (var row in trax.PostbackLog.QueryAsync<TableEntity>(dayRowsFilter))
        {
            await own.UpsertEntityAsync(row, TableUpdateMode.Replace);
        }

        foreach (var table in new[] { trax.PostbackLog, own, trax.PostbackLog, own, trax.PostbackLog, own })
        {
            var watch = Stopwatch.StartNew();
            var markers = PointReadMarkersAsync(16);
            long entries = 0;
            await foreach (var row in table.QueryAsync<TableEntity>(dayRowsFilter, 1000))
            {
                entries += DayRowCodec.Decode(PackedBytes.Read(row)!)!.Entries.Length;
            }

            var rowsDone = watch.ElapsedMilliseconds;
            await markers;
            Line(string.Create(CultureInfo.InvariantCulture,
                $"| rows and markers at once, rows in {(table == own ? "a table of their own" : "PostbackLog")} | rows read and decoded {rowsDone:N0} ms ({entries:N0} entries), with the markers {watch.ElapsedMilliseconds:N0} ms |"));
        }

        await own.DeleteAsync();
        return output.ToString();
    }

    /// <summary>User and system CPU time of Azurite's process so far, in ticks of 10 ms (Linux), or 0 elsewhere.</summary>
    private static long AzuriteTicks(int? pid)
    {
        var stat = pid is { } id ? $"/proc/{id}/stat" : "";
        if (!File.Exists(stat))
        {
            return 0;
        }

        var fields = File.ReadAllText(stat).Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
