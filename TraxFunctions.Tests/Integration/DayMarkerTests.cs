using System.Globalization;
using Azure.Data.Tables;
using Trax.Clicks;
using Trax.PostbackLog;
using Trax.Reports;
using Trax.Rollups;
using Trax.Zones;

namespace Trax.Tests.Integration;

/// <summary>
/// The day markers and seals under the day rows, on Azurite: a change touches its shard-day's day marker in the same
/// transaction (one request once the day is prepared); a roll seals the 8 shard-days under the day row; a change to a
/// sealed shard-day marks its day changed before it lands, so the day is read live until rolled again; a writer whose
/// seal is old cannot land; writers and rollers of the previous version are caught by the next roll; rows too big or
/// of an older format are read from the hour rollups; and a 90-day report is one request.
/// </summary>
[Category("Integration")]
public sealed partial class DayMarkerTests() : ClockedAppTests(Start)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 7, 0, TimeSpan.Zero);

    [Test]
    public async Task Write_NewConversionAndUpdate_InAPreparedShardDay_AreOneTransactionEach()
    {
        await trax.SeedClickAsync(new Click { ClickId = "m-1", ClickedAt = Start.AddHours(-1) });
        clock.Advance(TimeSpan.FromHours(3));
        await trax.Get<DayRollupRoller>().PrepareAsync(PostbackLogKeys.LogDay(clock.GetUtcNow()), CancellationToken.None);
        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=m-1&payout=10&currency=EUR");
        trax.Requests.Reset();
        await trax.DrainAsync();
        var created = PostbackLogRequests();
        var index = (await trax.DayIndexAsync()).Single();
        var partition = PostbackLogKeys.LogPartition(index.ReceivedAt, index.PostbackId);
        var first = (await trax.Get<RollupStore>().ReadStateAsync(partition, CancellationToken.None)).DayMarker;

        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=m-1&payout=10&currency=EUR&status=rejected");
        await trax.DrainAsync();
        var second = (await trax.Get<RollupStore>().ReadStateAsync(partition, CancellationToken.None)).DayMarker;

        Assert.That(created, Is.EqualTo(new[] { ("transaction", 1) }), "log row, index row, hour marker and day marker: one transaction");
        Assert.That(first, Is.Not.Null, "the shard-day is open");
        Assert.That(second, Is.Not.Null.And.Not.EqualTo(first), "the update touched it again");
    }

    [Test]
    public async Task Write_FirstInAShardDayNotPrepared_OpensItWithThreeRequestsMore()
    {
        await trax.SeedClickAsync(new Click { ClickId = "m-3", ClickedAt = Start.AddHours(-1) });
        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=m-3&payout=10&currency=EUR");
        trax.Requests.Reset();
        await trax.DrainAsync();

        var index = (await trax.DayIndexAsync()).Single();
        var state = await trax.Get<RollupStore>().ReadStateAsync(PostbackLogKeys.LogPartition(index.ReceivedAt, index.PostbackId), CancellationToken.None);
        Assert.That(PostbackLogRequests().Where(r => r.Operation != "query").Order(), Is.EqualTo(new[] { ("point read", 1), ("transaction", 2), ("upsert (replace)", 1) }),
            "the transaction finds no day marker (404), the seal is read (none), the day marked, the transaction again with both made");
        Assert.That(state.DayMarker, Is.Not.Null, "opened: its day marker");
        Assert.That(state.Seal, Is.Not.Null, "and its seal");
        Assert.That((await trax.Get<DayRollupStore>().ReadDaysAsync(index.Day.AddDays(-1), index.Day.AddDays(1), CancellationToken.None)).Changed,
            Is.EqualTo(new[] { index.Day }), "marked all the same: whether a seal is there or not, a write that finds no day marker marks its day");
    }

    [Test]
    public async Task Write_WhoseTransactionFails_LeavesNoMarker()
    {
        // An index row already there (as a reindex leaves it, without markers): the processor's transaction
        // [log row, index row, hour marker, day marker] fails on the index row, and the merge finds nothing to change.
        var at = Start.AddHours(5);
        var index = new DayIndexEntry
        {
            PostbackId = "01a2120145b877989b6627f3c2578087", ClickId = "m-2", ConversionKey = "ftd", Type = "ftd", ReceivedAt = at,
            Attribution = "attributed", Status = "approved", Payout = 5m, Currency = "EUR",
        };
        await trax.PostbackLog.AddEntityAsync(DayIndexEntity.From(index));
        var entry = new PostbackLogEntry { PostbackId = index.PostbackId, ReceivedAt = at, Type = "ftd", Outcome = "created", ClickId = "m-2" };

        await trax.Get<PostbackLogStore>().WriteAsync(entry, LogWrite.Replace, index, CancellationToken.None);

        var state = await trax.Get<RollupStore>().ReadStateAsync(DayIndexEntity.From(index).PartitionKey, CancellationToken.None);
        Assert.That((state.DayMarker, state.Markers.Count), Is.EqualTo(((string?)null, 0)), "the failed transaction wrote neither marker");
    }

    [Test]
    public async Task DayRow_ChangeInAnyShardAfterItWasSealed_MarksTheDayWhichIsReadLiveUntilRolledAgain()
    {
        var (first, last) = await SendAndRollAsync(new Random(3), 60);
        var closedDays = last.DayNumber - first.DayNumber;
        Assert.That((await ReadAsync()).RolledDays, Is.EqualTo(closedDays));
        var store = trax.Get<PostbackLogStore>();

        for (var shard = 0; shard < PostbackLogKeys.LogShards; shard++)
        {
            // A conversion of the sealed first day landing in this shard (a late write: a re-attribution, a correction).
            var index = LateIndexRow(first, shard);
            trax.Requests.Reset();
            await store.WriteAsync(new PostbackLogEntry { PostbackId = index.PostbackId, ReceivedAt = index.ReceivedAt, Type = "sale", Outcome = "created", ClickId = index.ClickId }, LogWrite.Replace, index, CancellationToken.None);
            Assert.That(PostbackLogRequests().Order(), Is.EqualTo(new[] { ("point read", 1), ("transaction", 2), ("upsert (replace)", 1) }),
                $"shard {shard}: no day marker (sealed), the seal read, the day marked, the change with the seal as read");
            Assert.That((await ReadAsync()).RolledDays, Is.EqualTo(closedDays - 1), $"shard {shard}: the day is marked changed, read from the hour rollups and the index");
            await AssertReportEqualsIndexAsync(first, last);

            clock.Advance(TimeSpan.FromHours(1));
            await trax.Get<RollupRoller>().RollDaysAsync(first, last, CancellationToken.None);
            Assert.That((await ReadAsync()).RolledDays, Is.EqualTo(closedDays), $"shard {shard}: rolled and sealed again");
            await AssertReportEqualsIndexAsync(first, last);
        }
    }

    [Test]
    public async Task Write_WithASealReadBeforeTheDayWasSealedAgain_CannotLand()
    {
        var (first, last) = await SendAndRollAsync(new Random(4), 30);
        var partition = PostbackLogKeys.LogPartition(first, 0);
        var seal = (await trax.PostbackLog.GetEntityAsync<TableEntity>(partition, HourMarkers.SealRow)).Value.ETag;

        // A writer read the seal, then stalled; meanwhile a roller sealed the shard-day again (a rebuild).
        Assert.That(await trax.Get<DayRollupRoller>().RollDaysAsync(first, first, CancellationToken.None, force: true), Is.EqualTo(1));
        var index = DayIndexEntity.From(LateIndexRow(first, 0));
        var landed = await Assert.ThrowsAsync<TableTransactionFailedException>(() => trax.PostbackLog.SubmitTransactionAsync(
            [new TableTransactionAction(TableTransactionActionType.Add, index), HourMarkers.OpenDay(partition), HourMarkers.KeepSeal(partition, seal)]));

        Assert.That(landed!.Status, Is.EqualTo(412), "the seal moved: the stalled writer must read it and mark the day again");
        Assert.That((await trax.PostbackLog.GetEntityIfExistsAsync<TableEntity>(index.PartitionKey, index.RowKey)).HasValue, Is.False, "nothing of it landed");
        Assert.That((await trax.Get<RollupStore>().ReadStateAsync(partition, CancellationToken.None)).DayMarker, Is.Null, "the shard-day stays sealed");
        await AssertReportEqualsIndexAsync(first, last);
    }

    [Test]
    public async Task Report_NinetyDaysWithDayRows_IsOneRequest()
    {
        await trax.SeedClickAsync(new Click { ClickId = "m-9", ClickedAt = Start.AddHours(-1) });
        for (var hour = 0; hour < 92 * 24; hour += 23)
        {
            clock.AdjustTime(Start.AddHours(hour));
            await trax.GetAsync($"/wp-json/trax/v1/sale?clickid=m-9&txid=t{hour}&payout=1.25&currency=EUR");
        }

        await trax.DrainAsync();
        clock.AdjustTime(Start.AddDays(93));
        await trax.Get<RollupRoller>().RollDaysAsync(PostbackLogKeys.LogDay(Start), PostbackLogKeys.LogDay(Start.AddDays(92)), CancellationToken.None);

        var requests = new List<int>();
        foreach (var zone in new[] { "UTC", "America/St_Johns" })
        {
            trax.Requests.Reset();
            var answer = await trax.GetAsync($"/api/reports/conversions?from=2026-11-21&to=2027-02-18&tz={Uri.EscapeDataString(zone)}&groupBy=day");
            Assert.That(answer.StatusCode, Is.EqualTo(200));
            requests.Add(PostbackLogRequests().Sum(r => r.Count));
        }

        // St John's (-03:30) starts and ends its days inside UTC days: 90 of its days meet 91 UTC days.
        Assert.That(requests, Is.EqualTo(new[] { 1, 1 }), "the day rows and their days' change marks: one query, no marker");
    }

    private List<(string Operation, int Count)> PostbackLogRequests() =>
        [.. trax.Requests.Snapshot().Where(k => k.Key.Resource.StartsWith("PostbackLog", StringComparison.Ordinal)).Select(k => (k.Key.Operation, k.Value))];

    /// <summary>A new conversion's index row received at noon of <paramref name="day"/>, whose id falls in <paramref name="shard"/>.</summary>
    private static DayIndexEntry LateIndexRow(DateOnly day, int shard)
    {
        var id = Enumerable.Range(0, 1000).Select(i => Guid.NewGuid().ToString("N")).First(id => PostbackLogKeys.LogShard(id) == shard);
        return new DayIndexEntry
        {
            PostbackId = id, ClickId = "late-" + id[..6], ConversionKey = "sale|" + id, Type = "sale",
            ReceivedAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero),
            Attribution = "attributed", Status = "approved", Payout = 3.5m, Currency = "EUR",
        };
    }

    private static int ShardOf(string partition) => int.Parse(partition.AsSpan(0, 1), CultureInfo.InvariantCulture);

    private async Task<(DateOnly First, DateOnly Last)> SendAndRollAsync(Random random, int count)
    {
        var known = Enumerable.Range(0, 6).Select(i => $"k-{i}").ToList();
        foreach (var clickId in known)
        {
            await trax.SeedClickAsync(new Click { ClickId = clickId, ClickedAt = Start.AddHours(-1), Attributes = new() { Campaign = "c" + (clickId[^1] % 3) } });
        }

        for (var i = 0; i < count; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(random.Next(1, 70)));
            var clickId = random.Next(4) == 0 ? $"o-{i}" : known[random.Next(known.Count)];
            await trax.GetAsync($"/wp-json/trax/v1/sale?clickid={clickId}&txid=t{i}&network=n{random.Next(3)}&payout={random.Next(0, 500)}.{random.Next(100):D2}&currency=EUR" +
                (random.Next(3) == 0 ? "&status=pending" : ""));
        }

        await trax.DrainAsync();
        clock.Advance(TimeSpan.FromDays(1));
        var (first, last) = (PostbackLogKeys.LogDay(Start), PostbackLogKeys.LogDay(clock.GetUtcNow()));
        await trax.Get<RollupRoller>().RollDaysAsync(first, last, CancellationToken.None);
        return (first, last);
    }

    private async Task<RollupRead> ReadAsync() =>
        await trax.Get<RollupReader>().ReadAsync(
            new DateTimeOffset(PostbackLogKeys.LogDay(Start).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            new DateTimeOffset(PostbackLogKeys.LogDay(clock.GetUtcNow()).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            CancellationToken.None);

    private async Task AssertReportEqualsIndexAsync(DateOnly first, DateOnly last)
    {
        foreach (var zoneId in new[] { "UTC", "America/St_Johns" })
        {
            var request = new ReportRequest(first, last, ReportRequest.Dimensions, ReportRequest.Json) { Zone = Zone.Find(zoneId) };
            Assert.That(await ReportOracle.ReportAsync(trax, request), Is.EqualTo(await ReportOracle.EveryIndexRowAsync(trax, request)), zoneId);
        }
    }
}
