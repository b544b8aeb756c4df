using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Trax.Clicks;
using Trax.Core;
using Trax.Postbacks;
using Trax.PostbackLog;
using Trax.Reports;
using Trax.Rollups;
using Trax.Zones;

namespace Trax.Tests.Integration;

/// <summary>
/// Rollups on Azurite, fed through the real HTTP functions and queue: a report (rollups where current, the index live
/// elsewhere) must equal what reading every index row gives, in any zone, whatever was rolled when, with late status
/// changes, re-attributions and storage faults while the roller runs.
/// </summary>
[Category("Integration")]
public sealed partial class RollupTests() : ClockedAppTests(Start)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 7, 0, TimeSpan.Zero);
    private static readonly string[] Zones = ["UTC", "America/St_Johns", "Asia/Kathmandu", "Europe/London"];
    private static readonly IReadOnlyList<string> AllDimensions = ReportRequest.Dimensions;

    [Test]
    public async Task Write_NewConversion_MarksItsHourInTheSameTransaction()
    {
        await trax.SeedClickAsync(new Click { ClickId = "c-1", ClickedAt = Start.AddHours(-1) });
        clock.Advance(TimeSpan.FromHours(3));
        await trax.Get<DayRollupRoller>().PrepareAsync(PostbackLogKeys.LogDay(clock.GetUtcNow()), CancellationToken.None);
        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=c-1&payout=10&currency=EUR");
        trax.Requests.Reset();

        await trax.DrainAsync();
        var postbackLogRequests = trax.Requests.Snapshot().Where(k => k.Key.Resource.StartsWith("PostbackLog", StringComparison.Ordinal)).ToList();

        var index = (await trax.DayIndexAsync()).Single();
        var partition = PostbackLogKeys.LogPartition(index.ReceivedAt, index.PostbackId);
        var state = await trax.Get<RollupStore>().ReadStateAsync(partition, CancellationToken.None);
        Assert.That(state.Markers.Keys, Is.EqualTo(new[] { 3 }), "the marker of the index row's UTC hour");
        Assert.That(postbackLogRequests.Select(r => (r.Key.Operation, r.Value)), Is.EqualTo(new[] { ("transaction", 1) }),
            "the log row, the index row and the marker: one transaction");
    }

    [Test]
    public async Task Roll_Twice_WritesNothingTheSecondTimeAndTheReportReadsOnlyRollups()
    {
        var random = new Random(7);
        await SendRandomAsync(random, 60);
        await trax.DrainAsync();
        clock.Advance(TimeSpan.FromDays(1));
        var roller = trax.Get<RollupRoller>();

        var first = await roller.RollDaysAsync(PostbackLogKeys.LogDay(Start), PostbackLogKeys.LogDay(clock.GetUtcNow()), CancellationToken.None);
        var second = await roller.RollDaysAsync(PostbackLogKeys.LogDay(Start), PostbackLogKeys.LogDay(clock.GetUtcNow()), CancellationToken.None);
        // Whole closed hours of the rolled days: every one from a rollup.
        var hourNow = clock.GetUtcNow().AddTicks(-(clock.GetUtcNow().UtcTicks % TimeSpan.TicksPerHour));
        var read = await trax.Get<RollupReader>().ReadAsync(Start.AddMinutes(-7), hourNow, CancellationToken.None);

        Assert.That(first, Is.GreaterThan(0));
        Assert.That(second, Is.Zero, "every hour rolled is current");
        Assert.That(read.LiveHours, Is.Zero);
        Assert.That(read.RolledHours, Is.GreaterThan(0));
        await AssertReportsEqualIndexAsync("after rolling");
    }

    [Test]
    public async Task RebuildApi_LongRange_GoesOnFromNextAndRebuildingAgainWritesTheSameRows()
    {
        await SendRandomAsync(new Random(11), 40);
        await trax.DrainAsync();
        clock.Advance(TimeSpan.FromDays(40));
        var range = "from=2026-11-19&to=2027-01-05";

        var first = await trax.PostJsonAsync($"/api/reports/rebuild?{range}", "");
        var next = first.Body!.Value.GetProperty("next").GetString();
        var rest = await trax.PostJsonAsync($"/api/reports/rebuild?from={next}&to=2027-01-05", "");
        var rows = await RollupRowsAsync();
        var again = await trax.PostJsonAsync($"/api/reports/rebuild?{range}", "");
        var backwards = await trax.PostJsonAsync("/api/reports/rebuild?from=2026-11-20&to=2026-11-19", "");

        Assert.That((first.StatusCode, next), Is.EqualTo((200, "2026-12-20")), "31 days per call, then where to go on from");
        Assert.That(rest.Body!.Value.GetProperty("next").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(await RollupRowsAsync(), Is.EqualTo(rows), "a rebuild is derived: the same rows again");
        Assert.That(again.StatusCode, Is.EqualTo(200));
        Assert.That((backwards.StatusCode, backwards.Field("reason")), Is.EqualTo((400, "invalid-range")));
        await AssertReportsEqualIndexAsync("after a rebuild");
    }

    private async Task<List<string>> RollupRowsAsync() =>
        [.. (await trax.PostbackLog.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {RollupRows.RowPrefix} and RowKey lt {RollupRows.RowsEnd}")).ToListAsync())
            .Select(e => $"{e.PartitionKey}|{e.RowKey}|{e.GetString("Source")}|{string.Join("", Enumerable.Range(0, e.GetInt32("Chunks") ?? 0).Select(i => e.GetString("D" + i)))}")
            .Order(StringComparer.Ordinal)];

    private async Task AssertReportsEqualIndexAsync(string when)
    {
        var first = PostbackLogKeys.LogDay(Start).AddDays(-1);
        var last = PostbackLogKeys.LogDay(clock.GetUtcNow()).AddDays(1);
        foreach (var zoneId in Zones)
        {
            var zone = Zone.Find(zoneId);
            foreach (var (from, to) in new[] { (first, last), (first.AddDays(2), first.AddDays(2)), (first.AddDays(1), first.AddDays(3)) })
            {
                foreach (var groupBy in new[] { AllDimensions, ["day", "status"], Array.Empty<string>() })
                {
                    var request = new ReportRequest(from, to, groupBy, ReportRequest.Json) { Zone = zone };
                    var expected = await ReportOracle.EveryIndexRowAsync(trax, request);
                    var actual = await ReportOracle.ReportAsync(trax, request);
                    Assert.That(actual, Is.EqualTo(expected), $"{when}: {zoneId} {from}..{to} by {string.Join(',', groupBy)}");
                }
            }
        }
    }
}
