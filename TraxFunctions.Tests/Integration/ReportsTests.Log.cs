using System.Globalization;
using Trax.PostbackLog;

namespace Trax.Tests.Integration;

/// <summary>The postback log: every row listed once across pages, shards and hours, and days past the retention deleted while reports keep them.</summary>
public sealed partial class ReportsTests
{
    [Test]
    public async Task ListPostbacks_ManyPagesAcrossShardsAndHours_ReturnsEveryRowOnceNewestFirst()
    {
        var ids = new List<string>();
        for (var i = 0; i < 37; i++)
        {
            clock.AdjustTime(Start.AddMinutes(7 * i)); // 10:00 to 14:12
            var answer = await trax.GetAsync(i % 3 == 0 ? "/wp-json/trax/v1/ftd?clickid=%7Bclickid%7D" : $"/wp-json/trax/v1/reg?clickid=p{i}");
            ids.Add(answer.Field("id") ?? $"rejected-{i}");
        }

        await trax.DrainAsync();

        var pages = new List<int>();
        var all = await ListAllAsync($"date={Today}&limit=5", pages);

        Assert.That(all, Has.Count.EqualTo(37));
        Assert.That(all.Select(r => r.Id).Distinct().Count(), Is.EqualTo(37));
        Assert.That(all.Select(r => r.ReceivedAt), Is.Ordered.Descending);
        Assert.That(pages.Take(pages.Count - 1), Is.All.EqualTo(5));
        Assert.That(all.Select(r => r.Id), Is.SupersetOf(ids.Where(id => !id.StartsWith("rejected-", StringComparison.Ordinal))));
        Assert.That(all.Select(r => PostbackLogKeys.LogShard(r.Id)).Distinct().Count(), Is.GreaterThan(1), "the rows are spread over shards");

        var eleven = await ListAllAsync($"date={Today}&hour=11&limit=3");
        Assert.That(eleven.Select(r => r.ReceivedAt.Hour), Is.All.EqualTo(11));
        Assert.That(eleven, Has.Count.EqualTo(all.Count(r => r.ReceivedAt.Hour == 11)));
    }

    [Test]
    public async Task CleanPostbackLog_DaysPastRetention_DeletesTheirLogRowsAndKeepsReports()
    {
        await trax.SeedClickAsync(Click("c-1001", "winter", Start.AddDays(-40)));
        var retention = trax.Get<Microsoft.Extensions.Options.IOptions<TraxOptions>>().Value.PostbackLogRetentionDays;
        var oldDay = Start.AddDays(-retention - 1);
        var keptDay = Start.AddDays(-retention);
        foreach (var (day, type) in new[] { (oldDay, "ftd"), (keptDay, "reg") })
        {
            clock.AdjustTime(day);
            await trax.GetAsync($"/wp-json/trax/v1/{type}?clickid=c-1001");
            await trax.GetAsync($"/wp-json/trax/v1/{type}?clickid=");
            await trax.DrainAsync();
        }

        var old = Date(oldDay);
        var kept = Date(keptDay);
        clock.AdjustTime(Start);
        var deleted = await trax.Get<PostbackLogCleaner>().CleanAsync(CancellationToken.None);

        Assert.That(trax.Get<PostbackLogCleaner>().Cutoff, Is.EqualTo(DateOnly.Parse(kept, CultureInfo.InvariantCulture)));
        Assert.That(deleted, Is.EqualTo(2));
        Assert.That(await ListAllAsync($"date={old}"), Is.Empty, "the expired day's log rows are gone");
        Assert.That(await ListAllAsync($"date={kept}"), Has.Count.EqualTo(2), "the retention's first day is kept");
        var report = (await ReportAsync($"from={old}&to={kept}&groupBy=day")).Body!.Value;
        Assert.That(Rows(report, "day"), Is.EqualTo(new[] { $"{old}||1|", $"{kept}||1|" }), "index rows outlive the log");
        Assert.That(await trax.Get<PostbackLogCleaner>().CleanAsync(CancellationToken.None), Is.Zero, "a second run finds nothing");
    }

    private static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
