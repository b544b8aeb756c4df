using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Trax.Clicks;

namespace Trax.Tests.Integration;

/// <summary><c>GET /api/overview</c> on Azurite: refusals by reason, orphans as the report counts them, the processor's health.</summary>
[Category("Integration")]
public sealed class OverviewApiTests
{
    private FakeTimeProvider clock = null!;
    private TraxApp trax = null!;

    // The queue stamps messages with the real time: the app's clock starts there, so a message's age is what the clock says.
    private string Today => clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [SetUp]
    public async Task SetUpAsync()
    {
        clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        trax = await TraxApp.StartAsync(time: clock);
    }

    [TearDown]
    public async Task TearDownAsync() => await trax.DisposeAsync();

    [Test]
    public async Task Overview_SeededDay_CountsRefusalsByReasonAndOrphansAsTheReportDoes()
    {
        await trax.SeedClickAsync(new Click { ClickId = "c-1", ClickedAt = clock.GetUtcNow().AddMinutes(-5), Attributes = new() { Network = "AffiliateWeb", Program = "SuperGame1" } });
        foreach (var accepted in new[] { "ftd?clickid=c-1", "ftd?clickid=c-2", "sale?clickid=c-3&txid=T-1&payout=10&currency=EUR", "sale?clickid=c-3&txid=T-2" })
        {
            Assert.That((await trax.GetAsync("/wp-json/trax/v1/" + accepted)).StatusCode, Is.EqualTo(200), accepted);
        }

        foreach (var refused in new[] { "ftd?clickid={clickid}", "reg?clickid=%7Bclickid%7D", "sale?clickid=c-4&payout=abc", "ftd?network=AffiliateWeb" })
        {
            Assert.That((await trax.GetAsync("/wp-json/trax/v1/" + refused)).StatusCode, Is.EqualTo(400), refused);
        }

        Assert.That(await trax.DrainAsync(), Is.EqualTo(4));

        var overview = await OverviewAsync($"from={Today}&to={Today}");
        var report = (await trax.GetAsync($"/api/reports/conversions?from={Today}&to={Today}&groupBy=attribution")).Body!.Value;

        var rejected = overview.GetProperty("rejectedPostbacks");
        Assert.That(rejected.GetProperty("total").GetInt64(), Is.EqualTo(4));
        Assert.That(rejected.GetProperty("byReason").EnumerateArray().Select(r => $"{r.GetProperty("reason").GetString()}={r.GetProperty("count").GetInt64()}"),
            Is.EqualTo(new[] { "unreplaced-macro=2", "invalid-payout=1", "missing-clickid=1" }), "most frequent first");
        Assert.That(overview.GetProperty("orphans").GetProperty("count").GetInt64(), Is.EqualTo(3));
        Assert.That(overview.GetProperty("orphans").GetProperty("outsideWindow").GetInt64(), Is.Zero);
        foreach (var attribution in new[] { "attributed", "unattributed", "outside-window" })
        {
            var fromReport = report.GetProperty("rows").EnumerateArray()
                .Where(r => r.GetProperty("attribution").GetString() == attribution)
                .Sum(r => r.GetProperty("conversions").GetInt64() + r.GetProperty("rejected").GetInt64());
            Assert.That(overview.GetProperty("conversions").GetProperty(attribution).GetInt64(), Is.EqualTo(fromReport), attribution);
        }

        Assert.That(overview.GetProperty("conversions").GetProperty("attributed").GetInt64(), Is.EqualTo(1));
        var processor = overview.GetProperty("processor");
        Assert.That(processor.GetProperty("depth").GetInt64(), Is.Zero);
        Assert.That(processor.GetProperty("oldestMessageAgeSeconds").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(processor.GetProperty("stalled").GetBoolean(), Is.False);

        var yesterday = clock.GetUtcNow().AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var before = await OverviewAsync($"from={yesterday}&to={yesterday}");
        Assert.That(before.GetProperty("rejectedPostbacks").GetProperty("total").GetInt64(), Is.Zero, "only the days asked for");
        Assert.That(before.GetProperty("orphans").GetProperty("count").GetInt64(), Is.Zero);
    }

    [Test]
    public async Task Overview_FrontMessageWaitingPastTheRule_SaysTheProcessorLooksStalled()
    {
        Assert.That((await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=c-1")).StatusCode, Is.EqualTo(200));
        Assert.That((await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=c-2")).StatusCode, Is.EqualTo(200));

        clock.Advance(TimeSpan.FromMinutes(9));
        var waiting = (await OverviewAsync($"from={Today}&to={Today}")).GetProperty("processor");
        // Half a minute past 11: the queue stamps a message with the real time, a moment after the clock started.
        clock.Advance(TimeSpan.FromMinutes(2.5));
        var stalled = (await OverviewAsync($"from={Today}&to={Today}")).GetProperty("processor");

        Assert.That(waiting.GetProperty("depth").GetInt64(), Is.EqualTo(2));
        Assert.That(waiting.GetProperty("oldestMessageAgeSeconds").GetInt64(), Is.InRange(9 * 60 - 5, 9 * 60 + 5));
        Assert.That(waiting.GetProperty("stalled").GetBoolean(), Is.False, "under 10 minutes");
        Assert.That(waiting.GetProperty("stalledReason").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(stalled.GetProperty("stalled").GetBoolean(), Is.True);
        Assert.That(stalled.GetProperty("stalledReason").GetString(), Does.Contain("11 minutes"));
        Assert.That(stalled.GetProperty("stalledAfterSeconds").GetInt64(), Is.EqualTo(600));
        Assert.That(stalled.GetProperty("poison").GetInt64(), Is.Zero);
    }

    [Test]
    public async Task Overview_InAZone_CountsRefusalsAndConversionsOnTheZonesDays()
    {
        // Newfoundland (UTC−3:30, −2:30 in summer): a refusal and a conversion each side of the zone's midnight.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/St_Johns");
        var first = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        Assert.That((await trax.GetAsync("/wp-json/trax/v1/ftd?clickid={clickid}")).StatusCode, Is.EqualTo(400));
        Assert.That((await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=z-1")).StatusCode, Is.EqualTo(200));

        var midnight = first.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var next = new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
        clock.Advance(next - clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        Assert.That((await trax.GetAsync("/wp-json/trax/v1/reg?clickid=%7Bclickid%7D")).StatusCode, Is.EqualTo(400));
        Assert.That((await trax.GetAsync("/wp-json/trax/v1/reg?clickid=%7Bclickid%7D")).StatusCode, Is.EqualTo(400));
        Assert.That((await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=z-2")).StatusCode, Is.EqualTo(200));
        Assert.That((await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=z-3")).StatusCode, Is.EqualTo(200));
        Assert.That(await trax.DrainAsync(), Is.EqualTo(3));

        foreach (var (day, refusals, orphans) in new[] { (first, 1L, 1L), (first.AddDays(1), 2L, 2L) })
        {
            var d = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var overview = await OverviewAsync($"from={d}&to={d}&tz=America/St_Johns");
            var report = (await trax.GetAsync($"/api/reports/conversions?from={d}&to={d}&groupBy=attribution&tz=America/St_Johns")).Body!.Value;
            Assert.That(overview.GetProperty("timeZone").GetString(), Is.EqualTo("America/St_Johns"));
            Assert.That(overview.GetProperty("rejectedPostbacks").GetProperty("total").GetInt64(), Is.EqualTo(refusals), d);
            Assert.That(overview.GetProperty("orphans").GetProperty("count").GetInt64(), Is.EqualTo(orphans), d);
            Assert.That(report.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("conversions").GetInt64()), Is.EqualTo(orphans), "the report's day is the overview's");
        }

        Assert.That((await OverviewAsync($"from={Today}&to={Today}")).GetProperty("timeZone").GetString(), Is.EqualTo("UTC"), "the setting's zone when none is asked for");
    }

    [TestCase("from=2026-11-26&to=2026-11-25", "invalid-range")]
    [TestCase("from=2026-11-25&to=2026-11-25&tz=Mars/Olympus", "invalid-time-zone")]
    [TestCase("from=2025-01-01&to=2026-12-31", "range-too-long")]
    [TestCase("from=2026-11-25", "missing-parameter")]
    [TestCase("from=yesterday&to=2026-11-25", "invalid-date")]
    public async Task Overview_BadRange_Is400WithItsReason(string query, string reason)
    {
        var answer = await trax.GetAsync("/api/overview?" + query);

        Assert.That(answer.StatusCode, Is.EqualTo(400), answer.Text);
        Assert.That(answer.Field("reason"), Is.EqualTo(reason));
    }

    private async Task<JsonElement> OverviewAsync(string query)
    {
        var answer = await trax.GetAsync("/api/overview?" + query);
        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        return answer.Body!.Value;
    }
}
