using System.Globalization;
using Azure.Data.Tables;
using Trax.Clicks;
using Trax.PostbackLog;
using Trax.Reports;
using Trax.Rollups;
using Trax.Storage;
using Trax.Zones;

namespace Trax.Tests.Integration;

/// <summary>
/// The day markers a day row names (one per shard-day, touched with the hour markers) on Azurite: written in the same
/// transaction as the change, a day row goes stale when any shard's day marker moves, the hour roller covers a writer
/// of the previous version, rows too big or of the first format are read from the hour rollups, and a 90-day report
/// reads only the day rows and their markers (9 requests by query, 1 + 8 a day by point read). Every test runs under
/// both ways of reading the markers.
/// </summary>
[Category("Integration")]
[TestFixture(false)]
[TestFixture(true)]
public sealed class DayMarkerTests(bool pointReads) : ClockedAppTests(Start, DayMarkerReads.Settings(pointReads))
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 7, 0, TimeSpan.Zero);

    [Test]
    public async Task Write_NewConversionAndUpdate_TouchTheDayMarkerInTheSameTransaction()
    {
        await trax.SeedClickAsync(new Click { ClickId = "m-1", ClickedAt = Start.AddHours(-1) });
        clock.Advance(TimeSpan.FromHours(3));
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
        Assert.That(first, Is.Not.Null, "the new conversion made its shard-day's day marker");
        Assert.That(second, Is.Not.Null.And.Not.EqualTo(first), "the update touched it again");
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
    public async Task DayRow_AnyShardsDayMarkerTouched_IsStaleUntilRolledAgain()
    {
        var (first, last) = await SendAndRollAsync(new Random(3), 60);
        var closedDays = last.DayNumber - first.DayNumber;
        Assert.That((await ReadAsync()).RolledDays, Is.EqualTo(closedDays));

        for (var shard = 0; shard < PostbackLogKeys.LogShards; shard++)
        {
            await trax.Get<DayRollupStore>().TouchDayMarkerAsync(PostbackLogKeys.LogPartition(first, shard), CancellationToken.None);
            Assert.That((await ReadAsync()).RolledDays, Is.EqualTo(closedDays - 1), $"shard {shard}'s day marker moved: its day is read from the hour rollups");

            await trax.Get<DayRollupRoller>().RollDaysAsync(first, last, CancellationToken.None);
            Assert.That((await ReadAsync()).RolledDays, Is.EqualTo(closedDays), $"shard {shard}: rolled again");
        }
    }

    [Test]
    public async Task HourRoller_HourChangedByAWriterOfThePreviousVersion_TouchesTheDayMarker()
    {
        var (first, last) = await SendAndRollAsync(new Random(5), 60);
        var closedDays = last.DayNumber - first.DayNumber;

        // A writer of the previous version: the index row and its hour marker, no day marker.
        var entry = (await trax.DayIndexAsync()).First(r => r.Day == first);
        var row = (await trax.PostbackLog.GetEntityAsync<DayIndexEntity>(PostbackLogKeys.LogPartition(entry.ReceivedAt, entry.PostbackId), PostbackLogKeys.DayIndexRow(entry.PostbackId))).Value;
        row.Status = row.Status == "rejected" ? "approved" : "rejected";
        await trax.PostbackLog.SubmitTransactionAsync(
            [new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag), HourMarkers.Touch(row.PartitionKey, row.ReceivedAt)]);
        Assert.That((await ReadAsync()).RolledDays, Is.EqualTo(closedDays), "until the hour roller runs, the day row cannot know");

        var hours = await trax.Get<RollupRoller>().RollAsync(first, ShardOf(row.PartitionKey), CancellationToken.None);

        Assert.That(hours, Is.EqualTo(1));
        Assert.That((await ReadAsync()).RolledDays, Is.EqualTo(closedDays - 1), "the hour roller touched the day marker: the day row is stale");
        await trax.Get<RollupRoller>().RollDaysAsync(first, last, CancellationToken.None);
        Assert.That((await ReadAsync()).RolledDays, Is.EqualTo(closedDays));
        await AssertReportEqualsIndexAsync(first, last);
    }

    [Test]
    public async Task DayRow_HourChangedAndReRolledByThePreviousVersion_IsRewrittenByTheNextRoll()
    {
        var (first, last) = await SendAndRollAsync(new Random(5), 60);

        // A writer of the previous version (index row and hour marker, no day marker), then the previous version's hour
        // roller (the same rollup rows, without the day-marker touch) re-rolls that hour before this version's does.
        var entry = (await trax.DayIndexAsync()).First(r => r.Day == first);
        var row = (await trax.PostbackLog.GetEntityAsync<DayIndexEntity>(PostbackLogKeys.LogPartition(entry.ReceivedAt, entry.PostbackId), PostbackLogKeys.DayIndexRow(entry.PostbackId))).Value;
        row.Status = row.Status == "rejected" ? "approved" : "rejected";
        await trax.PostbackLog.SubmitTransactionAsync(
            [new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag), HourMarkers.Touch(row.PartitionKey, row.ReceivedAt)]);
        var store = trax.Get<RollupStore>();
        var previous = await HourRolls.RollAsync<DayIndexEntry, HourRollup>(
            row.PartitionKey, first, clock.GetUtcNow(), false, store.ReadStateAsync, store.ReadIndexAsync, store.WriteAsync, CancellationToken.None);
        Assert.That(previous, Is.EqualTo(1), "the previous version's roller made the changed hour current");

        await trax.Get<RollupRoller>().RollDaysAsync(first, last, CancellationToken.None);

        await AssertReportEqualsIndexAsync(first, last);
    }

    [Test]
    public async Task DayRow_TooBigOrOfTheFirstFormat_IsReadFromTheHourRollupsAndRewritten()
    {
        var (first, last) = await SendAndRollAsync(new Random(8), 60);
        var closedDays = last.DayNumber - first.DayNumber;
        var days = trax.Get<DayRollupStore>();
        var rows = await days.ReadDaysAsync(first, last, CancellationToken.None);

        // The largest row that fits passes Azure's limits; one byte more is stored as TooBig, naming the current digest.
        await days.WriteAsync(rows[first] with { Data = null }, new byte[PackedBytes.ChunkBytes * PackedBytes.MaxChunks], CancellationToken.None);
        await days.WriteAsync(rows[first] with { Data = null }, new byte[(PackedBytes.ChunkBytes * PackedBytes.MaxChunks) + 1], CancellationToken.None);
        Assert.That((await days.ReadDaysAsync(first, last, CancellationToken.None))[first].Data, Is.Null);
        Assert.That((await ReadAsync()).RolledDays, Is.EqualTo(closedDays - 1), "a day too big for one row is read from the hour rollups");
        await AssertReportEqualsIndexAsync(first, last);

        // The first format: JSON text in D0… (PackedText), even naming the current digest, is not read and is rewritten.
        var old = new TableEntity(DayRollupRows.Partition(first), DayRollupRows.Row(first)) { ["Source"] = rows[first].Source };
        PackedText.Write(old, "{\"g\":[],\"s\":[]}");
        await trax.PostbackLog.UpsertEntityAsync(old, TableUpdateMode.Replace);
        Assert.That((await ReadAsync()).RolledDays, Is.EqualTo(closedDays - 1), "a row of the first format is not read");
        await AssertReportEqualsIndexAsync(first, last);

        Assert.That(await trax.Get<DayRollupRoller>().RollDaysAsync(first, last, CancellationToken.None), Is.EqualTo(1), "the roller rewrites it");
        Assert.That((await ReadAsync()).RolledDays, Is.EqualTo(closedDays));
    }

    [Test]
    public async Task Report_NinetyDaysWithDayRows_ReadsTheRowsAndTheirMarkersOnly()
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
        Assert.That(requests, Is.EqualTo(new[] { DayMarkerReads.Requests(pointReads, 90), DayMarkerReads.Requests(pointReads, 91) }),
            "the day rows (1 query) and each shard's day markers: 8 queries, one page each, or 8 point reads a day");
    }

    private List<(string Operation, int Count)> PostbackLogRequests() =>
        [.. trax.Requests.Snapshot().Where(k => k.Key.Resource.StartsWith("PostbackLog", StringComparison.Ordinal)).Select(k => (k.Key.Operation, k.Value))];

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
