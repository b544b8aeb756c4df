using Azure;
using Azure.Data.Tables;
using Trax.PostbackLog;
using Trax.Rollups;
using Trax.Storage;

namespace Trax.Tests.Integration;

/// <summary>The day markers' tests of rows and writers of earlier versions: caught by the next roll, read from the hour rollups meanwhile.</summary>
public sealed partial class DayMarkerTests
{
    [Test]
    public async Task HourRoller_HourChangedByAWriterBeforeDayMarkers_MarksTheDayChanged()
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
        Assert.That((await ReadAsync()).RolledDays, Is.EqualTo(closedDays - 1), "the hour roller marked the day changed: its row is not trusted");
        await trax.Get<RollupRoller>().RollDaysAsync(first, last, CancellationToken.None);
        Assert.That((await ReadAsync()).RolledDays, Is.EqualTo(closedDays));
        await AssertReportEqualsIndexAsync(first, last);
    }

    [Test]
    public async Task DayRow_HourChangedAndReRolledByThePreviousVersion_IsRewrittenByTheNextRoll()
    {
        var (first, last) = await SendAndRollAsync(new Random(5), 60);

        // A writer of the previous version (index row, hour marker, and an unconditional merge of the day marker: no
        // seal read, no mark), then the previous version's hour roller re-rolls that hour before this version's does.
        var entry = (await trax.DayIndexAsync()).First(r => r.Day == first);
        var row = (await trax.PostbackLog.GetEntityAsync<DayIndexEntity>(PostbackLogKeys.LogPartition(entry.ReceivedAt, entry.PostbackId), PostbackLogKeys.DayIndexRow(entry.PostbackId))).Value;
        row.Status = row.Status == "rejected" ? "approved" : "rejected";
        await trax.PostbackLog.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag), HourMarkers.Touch(row.PartitionKey, row.ReceivedAt),
                new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity(row.PartitionKey, HourMarkers.DayRow)),
            ]);
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
        var (rows, _) = await days.ReadDaysAsync(first, last, CancellationToken.None);

        // The largest row that fits passes Azure's limits; one byte more is stored as TooBig, sealed.
        Assert.That(await days.WriteAsync(rows[first] with { Data = null }, new byte[PackedBytes.ChunkBytes * PackedBytes.MaxChunks], ETag.All, CancellationToken.None), Is.True);
        Assert.That(await days.WriteAsync(rows[first] with { Data = null }, new byte[(PackedBytes.ChunkBytes * PackedBytes.MaxChunks) + 1], ETag.All, CancellationToken.None), Is.True);
        Assert.That((await days.ReadDaysAsync(first, last, CancellationToken.None)).Rows[first], Has.Property("Data").Null.And.Property("Sealed").True);
        Assert.That((await ReadAsync()).RolledDays, Is.EqualTo(closedDays - 1), "a day too big for one row is read from the hour rollups");
        await AssertReportEqualsIndexAsync(first, last);

        // The first format: JSON text in D0… (PackedText), even marked sealed, is not read and is rewritten.
        var old = new TableEntity(DayRollupRows.Partition(first), DayRollupRows.Row(first)) { ["Sealed"] = true };
        PackedText.Write(old, "{\"g\":[],\"s\":[]}");
        await trax.PostbackLog.UpsertEntityAsync(old, TableUpdateMode.Replace);
        Assert.That((await ReadAsync()).RolledDays, Is.EqualTo(closedDays - 1), "a row of the first format is not read");
        await AssertReportEqualsIndexAsync(first, last);

        Assert.That(await trax.Get<DayRollupRoller>().RollDaysAsync(first, last, CancellationToken.None), Is.EqualTo(1), "the roller rewrites it");
        Assert.That((await ReadAsync()).RolledDays, Is.EqualTo(closedDays));
    }
}
