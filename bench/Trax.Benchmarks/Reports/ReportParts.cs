using System.Diagnostics;
using System.Globalization;
using System.Text;
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
/// <see cref="ReportScale"/>, then the report with the CPU time Azurite's process spent on it, and its parts one at a
/// time (the one query of the day rows and their change marks, decoding the rows).
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
        for (var run = 0; run < 5; run++)
        {
            var cells = new List<string>();
            foreach (var zone in new[] { "UTC", "America/St_Johns" })
            {
                trax.Requests.Reset();
                var ticks = AzuriteTicks(azuritePid);
                var watch = Stopwatch.StartNew();
                await report.RunAsync(new ReportRequest(from, to, ["day", "type", "network"], ReportRequest.Json) { Zone = Zone.Find(zone) }, CancellationToken.None);
                cells.Add($"{zone} {watch.ElapsedMilliseconds:N0} ms, {trax.Requests.Total} requests, Azurite's CPU {(AzuriteTicks(azuritePid) - ticks) * 10:N0} ms");
            }

            var part = Stopwatch.StartNew();
            var allocated = GC.GetTotalAllocatedBytes(true);
            var (rows, _) = await days.ReadDaysAsync(from, to.AddDays(1), CancellationToken.None);
            var (query, queryBytes) = (part.ElapsedMilliseconds, GC.GetTotalAllocatedBytes(true) - allocated);
            part.Restart();
            allocated = GC.GetTotalAllocatedBytes(true);
            var entries = rows.Values.Sum(row => (long)DayRowCodec.Decode(row.Data!)!.Entries.Length);
            var (decode, decodeBytes) = (part.ElapsedMilliseconds, GC.GetTotalAllocatedBytes(true) - allocated);
            Line(string.Create(CultureInfo.InvariantCulture,
                $"| report {run + 1} | {string.Join("; ", cells)} — rows query {query:N0} ms ({rows.Count} rows, {rows.Values.Sum(r => r.Data!.Length) / 1e6:0.0} MB of data, {queryBytes / 1e6:0} MB allocated); decoding {decode:N0} ms ({entries:N0} entries, {decodeBytes / 1e6:0} MB) |"));
        }

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
