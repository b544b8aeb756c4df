using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Trax.Clicks;
using Trax.Conversions;
using Trax.Core;
using Trax.Postbacks;
using Trax.PostbackLog;
using Trax.Reports;
using Trax.Rollups;
using Trax.Storage;
using Trax.Zones;

namespace Trax.Tests.Integration;

/// <summary>
/// Rollups on Azurite, fed through the real HTTP functions and queue: a report (rollups where current, the index live
/// elsewhere) must equal what reading every index row gives, in any zone, whatever was rolled when, with late status
/// changes, re-attributions and storage faults while the roller runs.
/// </summary>
[Category("Integration")]
public sealed class RollupTests() : ClockedAppTests(Start)
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
    public async Task Report_RandomDataWithLateChangesReattributionsAndFaults_EqualsReadingEveryIndexRow([Values(1, 2, 3)] int seed)
    {
        var random = new Random(seed);
        var orphans = await SendRandomAsync(random, 90);
        await DrainWithFaultsAndRollingAsync(random);
        await AssertReportsEqualIndexAsync("before late changes");

        // A day later: status and payout changes of old conversions, and the orphans' clicks registered (re-attribution).
        clock.Advance(TimeSpan.FromDays(1));
        await trax.Get<RollupRoller>().RollDaysAsync(PostbackLogKeys.LogDay(Start), PostbackLogKeys.LogDay(clock.GetUtcNow()), CancellationToken.None);
        foreach (var conversion in (await trax.ConversionsAsync()).OrderBy(_ => random.Next()).Take(25))
        {
            var status = random.Next(3) switch { 0 => "approved", 1 => "rejected", _ => "pending" };
            await trax.GetAsync($"/wp-json/trax/v1/{conversion.Type.ToName()}?clickid={Uri.EscapeDataString(conversion.ClickId)}" +
                $"{(conversion.TxId is { } tx ? "&txid=" + tx : "")}&status={status}&payout={random.Next(1, 900)}.{random.Next(100):D2}&currency={(random.Next(2) == 0 ? "EUR" : "USD")}");
            clock.Advance(TimeSpan.FromMinutes(random.Next(1, 30)));
        }

        var dirty = DrainWithFaultsAndRollingAsync(random);
        foreach (var clickId in orphans.Where(_ => random.Next(2) == 0))
        {
            var click = new Click { ClickId = clickId, ClickedAt = Start.AddHours(-2), Attributes = new() { Campaign = "late" } };
            await trax.SeedClickAsync(click);
            await trax.Get<OrphanReattributor>().ClickRegisteredAsync(click, CancellationToken.None);
        }

        await dirty;
        var mixed = await trax.Get<RollupReader>().ReadAsync(Start, clock.GetUtcNow(), CancellationToken.None);
        Assert.That(mixed.RolledHours, Is.GreaterThan(0), "hours rolled before the late changes are read from rollups");
        Assert.That(mixed.LiveHours, Is.GreaterThan(0), "hours the late changes made dirty are read live");
        await AssertReportsEqualIndexAsync("with late changes, not rolled again");

        clock.Advance(TimeSpan.FromHours(2));
        await trax.Get<RollupRoller>().RollDaysAsync(PostbackLogKeys.LogDay(Start), PostbackLogKeys.LogDay(clock.GetUtcNow()), CancellationToken.None);
        await AssertReportsEqualIndexAsync("rolled again");
    }

    [Test]
    public async Task ReportApi_Zone_AnswersInTheZoneAndRefusesBadZonesAndLongRanges()
    {
        await trax.SeedClickAsync(new Click { ClickId = "z-1", ClickedAt = Start.AddHours(-1) });
        clock.Advance(TimeSpan.FromHours(2)); // 02:07 UTC: 22:37 the day before in St John's (−3:30)
        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=z-1&payout=10&currency=EUR");
        await trax.DrainAsync();

        var utc = await trax.GetAsync("/api/reports/conversions?from=2026-11-20&to=2026-11-20&groupBy=day");
        var stJohns = await trax.GetAsync("/api/reports/conversions?from=2026-11-19&to=2026-11-19&groupBy=day&tz=America/St_Johns");
        var unknown = await trax.GetAsync("/api/reports/conversions?from=2026-11-19&to=2026-11-19&tz=Mars/Olympus");
        var tooLong = await trax.GetAsync("/api/reports/conversions?from=2025-01-01&to=2026-02-05&tz=UTC");

        Assert.That(utc.Body!.Value.GetProperty("timeZone").GetString(), Is.EqualTo("UTC"));
        Assert.That(utc.Body!.Value.GetProperty("conversions").GetInt64(), Is.EqualTo(1));
        Assert.That(stJohns.Body!.Value.GetProperty("timeZone").GetString(), Is.EqualTo("America/St_Johns"));
        Assert.That(stJohns.Body!.Value.GetProperty("rows")[0].GetProperty("day").GetString(), Is.EqualTo("2026-11-19"));
        Assert.That((unknown.StatusCode, unknown.Field("reason")), Is.EqualTo((400, "invalid-time-zone")));
        Assert.That((tooLong.StatusCode, tooLong.Field("reason")), Is.EqualTo((400, "range-too-long")));
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

    [TestCase("America/St_Johns", "2026-11-01", new[] { "2026-11-01T02:15Z", "2026-11-01T02:30Z", "2026-11-02T03:14Z", "2026-11-02T03:30Z" }, 2,
        TestName = "ReportApi_DstDayOf25HoursInAMinus0330Zone_CountsItsQuartersExactlyFromRollups")]
    [TestCase("Asia/Kathmandu", "2026-11-25", new[] { "2026-11-24T18:14Z", "2026-11-24T18:15Z", "2026-11-25T18:14Z", "2026-11-25T18:15Z" }, 2,
        TestName = "ReportApi_DayOfAPlus0545Zone_CountsItsQuartersExactlyFromRollups")]
    public async Task ReportApi_ZoneDayEdges_CountExactlyFromRollups(string zone, string day, string[] times, int inDay)
    {
        var n = 0;
        foreach (var time in times.Select(t => DateTimeOffset.Parse(t, CultureInfo.InvariantCulture)))
        {
            var clickId = $"e-{n++}";
            await trax.SeedClickAsync(new Click { ClickId = clickId, ClickedAt = time.AddMinutes(-1) });
            clock.AdjustTime(time);
            await trax.GetAsync($"/wp-json/trax/v1/ftd?clickid={clickId}&payout=1&currency=EUR");
            await trax.DrainAsync();
        }

        clock.AdjustTime(DateTimeOffset.Parse(times[^1], CultureInfo.InvariantCulture).AddDays(2));
        var live = await trax.GetAsync($"/api/reports/conversions?from={day}&to={day}&tz={zone}");
        await trax.Get<RollupRoller>().RollDaysAsync(PostbackLogKeys.LogDay(DateTimeOffset.Parse(times[0], CultureInfo.InvariantCulture)), PostbackLogKeys.LogDay(clock.GetUtcNow()), CancellationToken.None);
        var rolled = await trax.GetAsync($"/api/reports/conversions?from={day}&to={day}&tz={zone}");

        Assert.That(live.Body!.Value.GetProperty("conversions").GetInt64(), Is.EqualTo(inDay), "read live: the day's first quarter in, the next day's first out");
        Assert.That(rolled.Body!.Value.GetProperty("conversions").GetInt64(), Is.EqualTo(inDay), "the same from rollups, quarter by quarter");
        Assert.That(rolled.Body!.Value.GetProperty("timeZone").GetString(), Is.EqualTo(zone));
    }

    [Test]
    public async Task ReportApi_BaseCurrency_ConvertsEachDaysSumsAtItsRateAndNamesMissingRates()
    {
        await using var euro = await TraxApp.StartAsync(time: clock,
            settings: new Dictionary<string, string?> { ["Trax:Reports:BaseCurrency"] = "EUR" });
        await euro.SeedClickAsync(new Click { ClickId = "b-1", ClickedAt = Start.AddHours(-1) });
        await euro.SendAsync(HttpRequests.Json("PUT", "/api/rates/2026-11-20", """{"base": "EUR", "rates": {"USD": 1.25}}"""));
        clock.Advance(TimeSpan.FromHours(1));
        await euro.GetAsync("/wp-json/trax/v1/ftd?clickid=b-1&payout=10.00&currency=EUR");
        await euro.GetAsync("/wp-json/trax/v1/reg?clickid=b-1&payout=12.50&currency=USD");
        await euro.GetAsync("/wp-json/trax/v1/sale?clickid=b-1&txid=1&payout=3.33&currency=USD&status=rejected");
        await euro.DrainAsync();

        var complete = (await euro.GetAsync("/api/reports/conversions?from=2026-11-20&to=2026-11-20")).Body!.Value.GetProperty("base");
        await euro.GetAsync("/wp-json/trax/v1/sale?clickid=b-1&txid=2&payout=1&currency=GBP");
        await euro.DrainAsync();
        var missing = (await euro.GetAsync("/api/reports/conversions?from=2026-11-20&to=2026-11-20")).Body!.Value.GetProperty("base");

        Assert.That((complete.GetProperty("currency").GetString(), complete.GetProperty("complete").GetBoolean()), Is.EqualTo(("EUR", true)));
        Assert.That(complete.GetProperty("payout").GetDecimal(), Is.EqualTo(20.00m), "10 EUR + 12.50 USD at 1.25 USD per EUR");
        Assert.That(complete.GetProperty("rejectedPayout").GetDecimal(), Is.EqualTo(2.664m), "3.33 USD / 1.25");
        Assert.That(missing.GetProperty("complete").GetBoolean(), Is.False);
        Assert.That(missing.GetProperty("payout").ValueKind, Is.EqualTo(JsonValueKind.Null), "never a partial total shown as the total");
        Assert.That(missing.GetProperty("missingRates").EnumerateArray().Select(m => $"{m.GetProperty("day").GetString()} {m.GetProperty("currency").GetString()} {m.GetProperty("reason").GetString()}"),
            Is.EqualTo(new[] { "2026-11-20 GBP currency-not-published" }));
    }

    private async Task<List<string>> RollupRowsAsync() =>
        [.. (await trax.PostbackLog.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {RollupRows.RowPrefix} and RowKey lt {RollupRows.RowsEnd}")).ToListAsync())
            .Select(e => $"{e.PartitionKey}|{e.RowKey}|{e.GetString("Source")}|{string.Join("", Enumerable.Range(0, e.GetInt32("Chunks") ?? 0).Select(i => e.GetString("D" + i)))}")
            .Order(StringComparer.Ordinal)];

    /// <summary>Postbacks at random times over about three days; returns the click ids that were unknown (orphans).</summary>
    private async Task<List<string>> SendRandomAsync(Random random, int count)
    {
        var known = Enumerable.Range(0, 12).Select(i => $"k-{i}").ToList();
        foreach (var clickId in known)
        {
            await trax.SeedClickAsync(new Click { ClickId = clickId, ClickedAt = Start.AddHours(-1), Attributes = new() { Campaign = "c" + (clickId.Length % 3) } });
        }

        var orphans = new List<string>();
        for (var i = 0; i < count; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(random.Next(1, 90)));
            var orphan = random.Next(4) == 0;
            var clickId = orphan ? $"o-{i}" : known[random.Next(known.Count)];
            if (orphan)
            {
                orphans.Add(clickId);
            }

            var type = random.Next(3) switch { 0 => "ftd", 1 => "reg", _ => "sale" };
            var query = new StringBuilder($"/wp-json/trax/v1/{type}?clickid={clickId}&network=n{random.Next(3)}&program=p{random.Next(2)}");
            if (type == "sale")
            {
                query.Append(CultureInfo.InvariantCulture, $"&txid=t{random.Next(5)}");
            }

            if (random.Next(5) > 0)
            {
                query.Append(CultureInfo.InvariantCulture, $"&payout={random.Next(0, 500)}.{random.Next(10000):D4}&currency={(random.Next(3) == 0 ? "USD" : "EUR")}");
            }

            if (random.Next(3) == 0)
            {
                query.Append(random.Next(2) == 0 ? "&status=pending" : "&status=rejected");
            }

            await trax.GetAsync(query.ToString());
        }

        return orphans;
    }

    /// <summary>Processes the queue as the host would (faults on the first attempts, then retried), with the roller running beside it.</summary>
    private async Task DrainWithFaultsAndRollingAsync(Random random)
    {
        var messages = await trax.ReceiveAllAsync();
        var seeds = messages.Select(_ => random.Next()).ToList();
        using var stop = new CancellationTokenSource();
        var roller = trax.Get<RollupRoller>();
        var rolling = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await roller.RollDaysAsync(PostbackLogKeys.LogDay(Start), PostbackLogKeys.LogDay(clock.GetUtcNow()), CancellationToken.None);
                }
                catch (Exception ex) when (ex is Azure.RequestFailedException or TableTransactionFailedException)
                {
                    // A failed roll leaves old rows naming old versions: readers see them stale.
                }
            }
        });
        await Parallel.ForEachAsync(messages.Select((m, i) => (Message: m, Seed: seeds[i])), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, ct) =>
        {
            var text = TraxApp.DecodeLikeTheTrigger(item.Message);
            for (var attempt = 1; ; attempt++)
            {
                if (attempt <= 2)
                {
                    trax.Faults.Chaos(new Random(item.Seed + attempt), 0.15, InjectedFault.ServerBusy, InjectedFault.LostResponse, InjectedFault.LostResponseRetried);
                }
                else
                {
                    trax.Faults.Calm();
                }

                try
                {
                    await trax.ProcessAsync(text, ct);
                    break;
                }
                catch (Exception) when (attempt < 6)
                {
                    // The host retries the message.
                }
            }

            trax.Faults.Calm();
            await trax.RawQueue.DeleteMessageAsync(item.Message.MessageId, item.Message.PopReceipt, ct);
        });
        await stop.CancelAsync();
        await rolling;
    }

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
