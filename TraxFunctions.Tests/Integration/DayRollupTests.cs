using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Trax.Clicks;
using Trax.Core;
using Trax.PostbackLog;
using Trax.Reports;
using Trax.Rollups;
using Trax.Storage;
using Trax.Zones;

namespace Trax.Tests.Integration;

/// <summary>
/// The second level of rollups (one row per closed UTC day, all shards summed by quarter-hour) on Azurite: a report
/// that reads it equals what reading every index row gives, in any zone, also after late changes to days already
/// rolled up; its storage requests do not grow with the days it covers (one query).
/// </summary>
[Category("Integration")]
public sealed class DayRollupTests() : ClockedAppTests(Start)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 7, 0, TimeSpan.Zero);
    private static readonly string[] Zones = ["UTC", "America/St_Johns", "Asia/Kathmandu", "Europe/London"];

    [Test]
    public async Task DayRollup_LateChangesAfterItWasBuilt_ReportStillEqualsReadingEveryIndexRow([Values(4, 5)] int seed)
    {
        var random = new Random(seed);
        var (first, last) = await SendAndRollAsync(random, 70);
        var closedDays = last.DayNumber - first.DayNumber;

        var rolled = await ReadAsync();
        Assert.That(await DayRowsAsync(), Has.Count.EqualTo(closedDays), "one row per closed UTC day, none for today");
        Assert.That((rolled.RolledDays, rolled.LiveHours), Is.EqualTo((closedDays, 0)), "every closed day from its one row");
        await AssertReportsEqualIndexAsync("day rows built");

        // Late changes to conversions of days already rolled up: their day rows now name old markers.
        foreach (var conversion in (await trax.ConversionsAsync()).OrderBy(_ => random.Next()).Take(6))
        {
            await trax.GetAsync($"/wp-json/trax/v1/{conversion.Type.ToName()}?clickid={Uri.EscapeDataString(conversion.ClickId)}" +
                $"{(conversion.TxId is { } tx ? "&txid=" + tx : "")}&status=rejected&payout={random.Next(1, 900)}.{random.Next(100):D2}&currency=USD");
        }

        await trax.DrainAsync();
        var stale = await ReadAsync();
        Assert.That(stale.RolledDays, Is.LessThan(closedDays), "a day a late change touched is not read from its row");
        Assert.That(stale.LiveHours, Is.GreaterThan(0), "its changed hours are read live");
        await AssertReportsEqualIndexAsync("late changes after the day rows");

        clock.Advance(TimeSpan.FromHours(1));
        await trax.Get<RollupRoller>().RollDaysAsync(first, last, CancellationToken.None);
        Assert.That((await ReadAsync()).RolledDays, Is.EqualTo(closedDays), "rolled again: every closed day from its row");
        await AssertReportsEqualIndexAsync("rolled again");
    }

    [Test]
    public async Task DayRollup_RollTwice_WritesItOnceAndARebuildWritesTheSameRow()
    {
        var (first, last) = await SendAndRollAsync(new Random(9), 30);
        var rows = await DayRowsAsync();

        var again = await trax.Get<DayRollupRoller>().RollDaysAsync(first, last, CancellationToken.None);
        var rebuilt = await trax.Get<DayRollupRoller>().RollDaysAsync(first, last, CancellationToken.None, force: true);

        Assert.That(again, Is.Zero, "every day row is sealed and no day is marked changed");
        Assert.That(rebuilt, Is.EqualTo(rows.Count));
        Assert.That(await DayRowsAsync(), Is.EqualTo(rows), "derived: the same rows again");
    }

    [Test]
    public async Task DayRollup_RowsWithoutTheirConversionCount_ReadTheSame()
    {
        var (first, last) = await SendAndRollAsync(new Random(11), 50);
        var closedDays = last.DayNumber - first.DayNumber;
        var rows = await DayRowEntitiesAsync();
        var indexRows = (await trax.DayIndexAsync()).Count(row => PostbackLogKeys.LogDay(row.ReceivedAt) < last);
        Assert.That(rows.Sum(row => row.GetInt64("Conversions") ?? 0), Is.EqualTo(indexRows), "each day row counts the index rows it sums");
        Assert.That(await RequestsAsync(), Is.EqualTo(1), "the day rows and their marks: one query");

        // As a row of the version before the count was stored: read the same.
        foreach (var row in rows)
        {
            row.Remove("Conversions");
            await trax.PostbackLog.UpdateEntityAsync(row, Azure.ETag.All, TableUpdateMode.Replace);
        }

        Assert.That((await ReadAsync()).RolledDays, Is.EqualTo(closedDays), "every closed day still from its row");
        Assert.That(await RequestsAsync(), Is.EqualTo(1), "still one query");
        await AssertReportsEqualIndexAsync("rows without their count");
    }

    /// <summary>The PostbackLog requests of reading the closed days.</summary>
    private async Task<int> RequestsAsync()
    {
        trax.Requests.Reset();
        await ReadAsync();
        return trax.Requests.Snapshot().Where(k => k.Key.Resource.StartsWith("PostbackLog", StringComparison.Ordinal)).Sum(k => k.Value);
    }

    [Test]
    public async Task DayRollup_LongerRange_IsOneRequestWhateverTheDays()
    {
        // One conversion an hour for 20 days, all rolled up.
        await trax.SeedClickAsync(new Click { ClickId = "d-1", ClickedAt = Start.AddHours(-1) });
        for (var hour = 0; hour < 20 * 24; hour += 5)
        {
            clock.AdjustTime(Start.AddHours(hour));
            await trax.GetAsync($"/wp-json/trax/v1/sale?clickid=d-1&txid=t{hour}&payout=1.25&currency=EUR");
        }

        await trax.DrainAsync();
        clock.AdjustTime(Start.AddDays(21));
        await trax.Get<RollupRoller>().RollDaysAsync(PostbackLogKeys.LogDay(Start), PostbackLogKeys.LogDay(Start.AddDays(20)), CancellationToken.None);

        var requests = new List<int>();
        foreach (var days in new[] { 2, 5, 19 })
        {
            trax.Requests.Reset();
            var answer = await trax.GetAsync($"/api/reports/conversions?from=2026-11-21&to={new DateOnly(2026, 11, 21).AddDays(days - 1):yyyy-MM-dd}&groupBy=day");
            Assert.That(answer.StatusCode, Is.EqualTo(200));
            requests.Add(trax.Requests.Snapshot().Where(k => k.Key.Resource.StartsWith("PostbackLog", StringComparison.Ordinal)).Sum(k => k.Value));
        }

        Assert.That(requests, Is.EqualTo(new[] { 1, 1, 1 }), "the day rows and their days' change marks: one query whatever the days");
    }

    private async Task<RollupRead> ReadAsync() =>
        await trax.Get<RollupReader>().ReadAsync(
            new DateTimeOffset(PostbackLogKeys.LogDay(Start).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            new DateTimeOffset(PostbackLogKeys.LogDay(clock.GetUtcNow()).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            CancellationToken.None);

    /// <summary>Postbacks over about two days, then, a day later, every closed day rolled up: the first day and today.</summary>
    private async Task<(DateOnly First, DateOnly Last)> SendAndRollAsync(Random random, int count)
    {
        await SendRandomAsync(random, count);
        await trax.DrainAsync();
        clock.Advance(TimeSpan.FromDays(1));
        var (first, last) = (PostbackLogKeys.LogDay(Start), PostbackLogKeys.LogDay(clock.GetUtcNow()));
        await trax.Get<RollupRoller>().RollDaysAsync(first, last, CancellationToken.None);
        return (first, last);
    }

    private async Task<List<TableEntity>> DayRowEntitiesAsync() =>
        await trax.PostbackLog.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(
            $"PartitionKey ge {DayRollupRows.PartitionPrefix} and PartitionKey lt {"r."} and RowKey ge {DayRollupRows.RowPrefix} and RowKey lt {"d."}")).ToListAsync();

    private async Task<List<string>> DayRowsAsync() =>
        [.. (await DayRowEntitiesAsync())
            .Select(e => $"{e.PartitionKey}|{e.RowKey}|{e.GetBoolean("Sealed")}|{Convert.ToBase64String(PackedBytes.Read(e) ?? [])}")
            .Order(StringComparer.Ordinal)];

    /// <summary>Postbacks at random times over about two days, on known clicks and orphans.</summary>
    private async Task SendRandomAsync(Random random, int count)
    {
        var known = Enumerable.Range(0, 8).Select(i => $"k-{i}").ToList();
        foreach (var clickId in known)
        {
            await trax.SeedClickAsync(new Click { ClickId = clickId, ClickedAt = Start.AddHours(-1), Attributes = new() { Campaign = "c" + (clickId.Length % 3) } });
        }

        for (var i = 0; i < count; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(random.Next(1, 70)));
            var clickId = random.Next(4) == 0 ? $"o-{i}" : known[random.Next(known.Count)];
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
    }

    private async Task AssertReportsEqualIndexAsync(string when)
    {
        var first = PostbackLogKeys.LogDay(Start).AddDays(-1);
        var last = PostbackLogKeys.LogDay(clock.GetUtcNow()).AddDays(1);
        foreach (var zoneId in Zones)
        {
            var zone = Zone.Find(zoneId);
            foreach (var (from, to) in new[] { (first, last), (first.AddDays(1), first.AddDays(2)), (first.AddDays(2), first.AddDays(2)) })
            {
                foreach (var groupBy in new[] { ReportRequest.Dimensions, ["day", "status"] })
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
