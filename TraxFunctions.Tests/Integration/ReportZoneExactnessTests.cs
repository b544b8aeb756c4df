using System.Globalization;
using Trax.Clicks;
using Trax.PostbackLog;
using Trax.Reports;
using Trax.Rollups;
using Trax.Zones;

namespace Trax.Tests.Integration;

/// <summary>
/// The report against the oracle (every index row read) at the edges the other exactness tests do not reach: Lord Howe
/// Island's 30-minute DST shifts (days of 23.5 and 24.5 hours), St John's (−3:30) and Kathmandu (+5:45) days across
/// their DST nights and UTC midnights, and group values a network chooses (any Unicode, 200 characters, formulas).
/// </summary>
[Category("Integration")]
public sealed class ReportZoneExactnessTests() : ClockedAppTests(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero))
{
    private static readonly string[] Zones = ["Australia/Lord_Howe", "America/St_Johns", "Asia/Kathmandu", "UTC"];

    /// <summary>Each zone day's first and last minutes, the DST jumps, and UTC midnights.</summary>
    private static readonly string[] Times =
    [
        "2026-04-04T12:59:59Z", "2026-04-04T13:00Z", "2026-04-04T14:59Z", "2026-04-04T15:00Z", "2026-04-04T15:31Z",
        "2026-04-05T00:00Z", "2026-04-05T13:29:59Z", "2026-04-05T13:30Z",
        "2026-10-03T13:29:59Z", "2026-10-03T13:30Z", "2026-10-03T15:29Z", "2026-10-03T15:30Z",
        "2026-10-04T12:59:59Z", "2026-10-04T13:00Z", "2026-10-04T18:14:59Z", "2026-10-04T18:15Z",
        "2026-11-01T02:29Z", "2026-11-01T02:30Z", "2026-11-01T03:30Z", "2026-11-02T03:29:59Z", "2026-11-02T03:30Z",
    ];

    private static readonly string[] Networks =
    [
        "Ünïcødé ✓", "😀 emoji", "עברית\u200f", new string('N', 200), "=HYPERLINK(\"http://x\")", "a,b\"c", "　ideographic",
    ];

    [Test]
    public async Task Report_ZoneDaysAcrossHalfHourDstAndHostileGroupValues_EqualsReadingEveryIndexRow()
    {
        await trax.SeedClickAsync(new Click { ClickId = "z", ClickedAt = DateTimeOffset.Parse(Times[0], CultureInfo.InvariantCulture).AddHours(-1) });
        for (var n = 0; n < Times.Length; n++)
        {
            clock.AdjustTime(DateTimeOffset.Parse(Times[n], CultureInfo.InvariantCulture));
            var network = Uri.EscapeDataString(Networks[n % Networks.Length]);
            var answer = await trax.GetAsync($"/wp-json/trax/v1/sale?clickid=z&txid=t{n}&network={network}&program=p{n % 3}&payout={n}.{n:D2}&currency={(n % 2 == 0 ? "EUR" : "USD")}");
            Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        }

        await trax.DrainAsync();
        clock.AdjustTime(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero));
        await AssertReportsEqualIndexAsync("live");
        foreach (var (from, to) in new[] { (new DateOnly(2026, 4, 3), new DateOnly(2026, 4, 6)), (new DateOnly(2026, 10, 2), new DateOnly(2026, 10, 5)), (new DateOnly(2026, 10, 31), new DateOnly(2026, 11, 3)) })
        {
            await trax.Get<RollupRoller>().RollDaysAsync(from, to, CancellationToken.None, force: true);
        }

        await AssertReportsEqualIndexAsync("rolled: hour rollups and day rows");
    }

    private async Task AssertReportsEqualIndexAsync(string when)
    {
        foreach (var zoneId in Zones)
        {
            var zone = Zone.Find(zoneId);
            var ranges = new (DateOnly From, DateOnly To)[]
            {
                (new(2026, 4, 4), new(2026, 4, 6)), (new(2026, 4, 5), new(2026, 4, 5)), (new(2026, 10, 3), new(2026, 10, 5)),
                (new(2026, 10, 4), new(2026, 10, 4)), (new(2026, 10, 31), new(2026, 11, 2)),
            };
            foreach (var (from, to) in ranges)
            {
                foreach (var groupBy in new[] { ReportRequest.Dimensions, ["day", "network"], Array.Empty<string>() })
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
