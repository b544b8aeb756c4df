using Microsoft.Extensions.Time.Testing;

namespace Trax.Tests.Integration;

/// <summary>
/// Every report-like API at the edges of its days: 400 and 401 days, a backwards range, the first and last days Trax
/// reads, leap days, zones whose local mean time puts a day's start before 1601 UTC, and the rebuild's own range rules.
/// Each answers its documented status; none is a 500.
/// </summary>
[Category("Integration")]
public sealed class ReportRangeEdgesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 7, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string?> Euro = new() { ["Trax:Reports:BaseCurrency"] = "EUR" };

    private static readonly string[] Apis = ["/api/reports/conversions", "/api/reports/traffic", "/api/overview"];

    // One app for every case: they read empty tables, and the rebuild of days without rows writes none.
    private TraxApp trax = null!;

    [OneTimeSetUp]
    public async Task StartAppAsync() => trax = await TraxApp.StartAsync(time: new FakeTimeProvider(Start), settings: Euro);

    [OneTimeTearDown]
    public async Task StopAppAsync() => await trax.DisposeAsync();

    private static IEnumerable<TestCaseData> Ranges()
    {
        (string Query, int Status, string? Reason)[] cases =
        [
            ("from=2025-10-17&to=2026-11-20", 200, null),
            ("from=2025-10-16&to=2026-11-20", 400, "range-too-long"),
            ("from=2025-10-17&to=2026-11-20&tz=Australia/Lord_Howe", 200, null),
            ("from=2025-10-16&to=2026-11-20&tz=Australia/Lord_Howe", 400, "range-too-long"),
            ("from=2026-11-21&to=2026-11-20", 400, "invalid-range"),
            ("from=0001-01-01&to=0001-01-01", 400, "invalid-date"),
            ("from=1600-12-31&to=1601-01-01", 400, "invalid-date"),
            ("from=9999-12-31&to=9999-12-31", 400, "invalid-date"),
            ("from=1601-01-01&to=1601-01-31", 200, null),
            ("from=1601-01-01&to=1601-01-01&tz=Asia/Tokyo", 200, null),
            ("from=1601-01-01&to=1601-01-02&tz=Pacific/Kiritimati", 200, null),
            ("from=1601-01-01&to=1601-01-02&tz=Asia/Kathmandu&groupBy=day", 200, null),
            ("from=9999-11-30&to=9999-12-30", 200, null),
            ("from=9999-12-30&to=9999-12-30&tz=Asia/Kathmandu", 200, null),
            ("from=2028-02-29&to=2028-02-29&tz=America/St_Johns", 200, null),
            ("from=2027-02-29&to=2027-03-01", 400, "invalid-date"),
            ("from=2026-10-04&to=2026-10-04&tz=Australia/Lord_Howe&format=csv", 200, null),
        ];
        foreach (var api in Apis)
        {
            foreach (var (query, status, reason) in cases)
            {
                if (api == "/api/overview" && query.Contains("format=", StringComparison.Ordinal))
                {
                    continue;
                }

                yield return new TestCaseData($"{api}?{query}", status, reason).SetName($"{api} {query}");
            }
        }
    }

    [TestCaseSource(nameof(Ranges))]
    public async Task Report_RangeAtItsEdges_AnswersItsDocumentedStatus(string path, int status, string? reason)
    {
        var answer = await trax.GetAsync(path);

        Assert.That(answer.StatusCode, Is.EqualTo(status), answer.Text);
        if (reason is not null)
        {
            Assert.That(answer.Field("reason"), Is.EqualTo(reason));
        }
    }

    [TestCase("/api/reports/conversions", "", "conversions-2026-11-19-2026-11-19.csv")]
    [TestCase("/api/reports/conversions", "&tz=UTC", "conversions-2026-11-19-2026-11-19.csv")]
    [TestCase("/api/reports/conversions", "&tz=America/St_Johns", "conversions-2026-11-19-2026-11-19-America-St_Johns.csv")]
    [TestCase("/api/reports/traffic", "&tz=Etc/GMT%2B12", "traffic-2026-11-19-2026-11-19-Etc-GMTplus12.csv")]
    [TestCase("/api/reports/traffic", "", "traffic-2026-11-19-2026-11-19.csv")]
    public async Task ReportCsv_InAZone_NamesTheZoneInItsFileName(string api, string tz, string fileName)
    {
        // The CSV has no timeZone as the JSON has: a St John's day saved under the UTC day's name was another day's
        // figures under the same name.
        var answer = await trax.GetAsync($"{api}?from=2026-11-19&to=2026-11-19&format=csv{tz}");

        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        Assert.That(answer.Headers.ContentDisposition.ToString(), Is.EqualTo($"attachment; filename=\"{fileName}\""));
    }

    [TestCase("", 400, "missing-parameter")]
    [TestCase("from=2026-01-01", 400, "missing-parameter")]
    [TestCase("from=2026-01-02&to=2026-01-01", 400, "invalid-range")]
    [TestCase("from=2025-10-16&to=2026-11-20", 400, "range-too-long")]
    [TestCase("from=2025-10-17&to=2026-11-20", 200, null)]
    [TestCase("from=2026-13-01&to=2026-12-01", 400, "invalid-date")]
    [TestCase("from=0001-01-01&to=0001-01-02", 400, "invalid-date")]
    [TestCase("from=2026-01-01&from=2026-02-01&to=2026-03-01", 400, "repeated-parameter")]
    [TestCase("from=1601-01-01&to=1601-01-02", 200, null)]
    [TestCase("from=9999-12-29&to=9999-12-30", 200, null)]
    [TestCase("from=2028-02-28&to=2028-03-01", 200, null)]
    public async Task Rebuild_RangeAtItsEdges_AnswersItsDocumentedStatus(string query, int status, string? reason)
    {
        var answer = await trax.SendAsync(HttpRequests.Create("POST", $"/api/reports/rebuild?{query}"));

        Assert.That(answer.StatusCode, Is.EqualTo(status), answer.Text);
        if (reason is not null)
        {
            Assert.That(answer.Field("reason"), Is.EqualTo(reason));
        }
    }
}
