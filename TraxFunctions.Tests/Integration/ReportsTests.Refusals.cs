namespace Trax.Tests.Integration;

/// <summary>What the APIs answer when storage is unreachable (503) and when parameters are bad (400).</summary>
public sealed partial class ReportsTests
{
    [Test]
    public async Task Report_StorageUnreachable_Answers503WithReason()
    {
        var nowhere = AzuriteServer.ConnectionStringFor([AzuriteServer.FreePort(), AzuriteServer.FreePort(), AzuriteServer.FreePort()]);
        await using var down = await TraxApp.StartAsync(nowhere, createResources: false);

        var report = await down.GetAsync($"/api/reports/conversions?from={Today}&to={Today}");
        var lookup = await down.GetAsync("/api/conversions?clickid=c-1001");
        var log = await down.GetAsync($"/api/postbacks?date={Today}");

        Assert.That(new[] { report, lookup, log }.Select(a => a.StatusCode), Is.All.EqualTo(503));
        Assert.That(new[] { report, lookup, log }.Select(a => a.Field("reason")), Is.All.EqualTo("storage-unavailable"));
        Assert.That(report.Headers.RetryAfter.ToString(), Is.EqualTo("30"));
    }

    [Test]
    public async Task Apis_BadParameters_Answer400WithReasonInThePostbackAnswerShape()
    {
        var report = await ReportAsync("from=2026-11-30&to=2026-11-01");
        var lookup = await LookupAsync("");
        var invalidClick = await trax.GetAsync("/api/conversions?clickid=a%20b");
        var log = await trax.GetAsync("/api/postbacks?date=yesterday");

        Assert.That(new[] { report, lookup, invalidClick, log }.Select(a => a.StatusCode), Is.All.EqualTo(400));
        Assert.That(new[] { report, lookup, invalidClick, log }.Select(a => a.Field("status")), Is.All.EqualTo("rejected"));
        Assert.That(new[] { report, lookup, invalidClick, log }.Select(a => a.Field("reason")),
            Is.EqualTo(new[] { "invalid-range", "missing-clickid", "invalid-clickid", "invalid-date" }));
        Assert.That(report.Field("message"), Is.Not.Empty);
        Assert.That(report.Headers.CacheControl.ToString(), Is.EqualTo("no-store"));
    }
}
