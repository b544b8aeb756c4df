using System.Text.Json;
using Azure.Data.Tables;
using Trax.Clicks;
using Trax.PostbackLog;

namespace Trax.Tests.Integration;

/// <summary>
/// Conversions and index rows written before attribution was indexed: read as attributed, and reindexed once.
/// </summary>
public sealed partial class AttributionTests
{
    [Test]
    public async Task IndexRowsWrittenBeforeAttributionExisted_ReadAsAttributed()
    {
        // Only attributed conversions were indexed before: a row without the property is one of them.
        var old = new TableEntity(PostbackLogKeys.LogPartition(Start, "p-old"), PostbackLogKeys.DayIndexRow("p-old"))
        {
            ["Day"] = Today, ["Type"] = "ftd", ["ClickId"] = "c-old", ["ConversionKey"] = "ftd", ["PostbackId"] = "p-old",
            ["ReceivedAt"] = Start, ["Currency"] = "EUR", ["Payout"] = "12.50", ["Campaign"] = "spring",
        };
        await trax.PostbackLog.AddEntityAsync(old);

        var report = (await ReportAsync($"from={Today}&to={Today}&groupBy=attribution")).Body!.Value;

        Assert.That(Rows(report, "attribution"), Is.EqualTo(new[] { "attributed|EUR|1|12.50" }));
    }

    [Test]
    public async Task Reindex_ConversionsStoredBeforeEveryConversionWasIndexed_AreCountedOnceAndASecondRunChangesNothing()
    {
        await trax.SeedClickAsync(new Click { ClickId = "known", ClickedAt = Start.AddHours(-1), Attributes = new() { Campaign = "winter" } });
        await trax.SeedClickAsync(new Click { ClickId = "late", ClickedAt = Start.AddDays(-3), AttributionWindowDays = 1 });
        foreach (var url in new[]
        {
            "ftd?clickid=known&payout=25.50&currency=EUR", "ftd?clickid=old-1&payout=40&currency=EUR", "sale?clickid=old-1&txid=T-1&status=pending",
            "ftd?clickid=late&payout=10&currency=EUR", "reg?clickid=old-2",
        })
        {
            await trax.GetAsync("/wp-json/trax/v1/" + url);
        }

        await trax.DrainAsync();

        // As an earlier version left them: only the attributed conversion had an index row.
        foreach (var row in (await IndexRowsAsync()).Where(r => r.GetString("Attribution") != "attributed"))
        {
            await trax.PostbackLog.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        var before = (await ReportAsync($"from={Today}&to={Today}")).Body!.Value.GetProperty("conversions").GetInt64();
        var pages = new List<(long Conversions, long Indexed)>();
        string? token = null;
        do
        {
            var answer = await trax.SendAsync(HttpRequests.Create("POST", "/api/reports/reindex?limit=2" + (token is null ? "" : "&continuationToken=" + token)));
            Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
            var body = answer.Body!.Value;
            pages.Add((body.GetProperty("conversions").GetInt64(), body.GetProperty("indexed").GetInt64()));
            token = body.GetProperty("continuationToken").GetString();
        }
        while (token is not null && pages.Count < 10);

        var again = (await trax.SendAsync(HttpRequests.Create("POST", "/api/reports/reindex"))).Body!.Value;
        var report = (await ReportAsync($"from={Today}&to={Today}&groupBy=attribution")).Body!.Value;

        Assert.That(before, Is.EqualTo(1));
        Assert.That(pages.Sum(p => p.Conversions), Is.EqualTo(5), "every conversion read once, two a page");
        Assert.That(pages.Sum(p => p.Indexed), Is.EqualTo(4), "the four without a row got one; the attributed one was as it should be");
        Assert.That((again.GetProperty("conversions").GetInt64(), again.GetProperty("indexed").GetInt64()), Is.EqualTo((5L, 0L)));
        Assert.That(again.GetProperty("continuationToken").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(report.GetProperty("conversions").GetInt64(), Is.EqualTo(5));
        Assert.That(Rows(report, "attribution"), Is.EqualTo(new[]
        {
            "attributed|EUR|1|25.50", "outside-window|EUR|1|10", "unattributed||2|", "unattributed|EUR|1|40",
        }));
        var bad = await trax.SendAsync(HttpRequests.Create("POST", "/api/reports/reindex?continuationToken=abc"));
        var badLimit = await trax.SendAsync(HttpRequests.Create("POST", "/api/reports/reindex?limit=0"));
        Assert.That((bad.StatusCode, bad.Field("reason")), Is.EqualTo((400, "invalid-continuation-token")));
        Assert.That((badLimit.StatusCode, badLimit.Field("reason")), Is.EqualTo((400, "invalid-limit")));
    }
}
