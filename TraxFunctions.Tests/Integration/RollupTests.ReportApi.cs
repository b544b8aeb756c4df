using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Trax.Clicks;
using Trax.Core;
using Trax.Postbacks;
using Trax.PostbackLog;
using Trax.Rollups;
using Trax.Zones;

namespace Trax.Tests.Integration;

/// <summary>
/// The report API over rollups: its zone, a zone's day edges to the quarter-hour, and the base currency.
/// </summary>
public sealed partial class RollupTests
{
    [Test]
    public async Task ReportApi_Zone_AnswersInTheZoneAndRefusesBadZonesAndLongRanges()
    {
        await trax.SeedClickAsync(new Click { ClickId = "z-1", ClickedAt = Start.AddHours(-1) });
        clock.Advance(TimeSpan.FromHours(2)); // 02:07 UTC: 22:37 the day before in St John's (−3:30)
        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=z-1&payout=10&currency=EUR");
        await trax.DrainAsync();

        var utc = await trax.GetAsync("/api/reports/conversions?from=2026-11-20&to=2026-11-20&groupBy=day");
        var stJohns = await trax.GetAsync("/api/reports/conversions?from=2026-11-19&to=2026-11-19&groupBy=day&tz=America/St_Johns");
        var unknown = await trax.GetAsync("/api/reports/conversions?from=2026-11-19&to=2026-11-19&tz=Mars/Olympus");
        var tooLong = await trax.GetAsync("/api/reports/conversions?from=2025-01-01&to=2026-02-05&tz=UTC");

        Assert.That(utc.Body!.Value.GetProperty("timeZone").GetString(), Is.EqualTo("UTC"));
        Assert.That(utc.Body!.Value.GetProperty("conversions").GetInt64(), Is.EqualTo(1));
        Assert.That(stJohns.Body!.Value.GetProperty("timeZone").GetString(), Is.EqualTo("America/St_Johns"));
        Assert.That(stJohns.Body!.Value.GetProperty("rows")[0].GetProperty("day").GetString(), Is.EqualTo("2026-11-19"));
        Assert.That((unknown.StatusCode, unknown.Field("reason")), Is.EqualTo((400, "invalid-time-zone")));
        Assert.That((tooLong.StatusCode, tooLong.Field("reason")), Is.EqualTo((400, "range-too-long")));
    }

    [TestCase("America/St_Johns", "2026-11-01", new[] { "2026-11-01T02:15Z", "2026-11-01T02:30Z", "2026-11-02T03:14Z", "2026-11-02T03:30Z" }, 2,
        TestName = "ReportApi_DstDayOf25HoursInAMinus0330Zone_CountsItsQuartersExactlyFromRollups")]
    [TestCase("Asia/Kathmandu", "2026-11-25", new[] { "2026-11-24T18:14Z", "2026-11-24T18:15Z", "2026-11-25T18:14Z", "2026-11-25T18:15Z" }, 2,
        TestName = "ReportApi_DayOfAPlus0545Zone_CountsItsQuartersExactlyFromRollups")]
    public async Task ReportApi_ZoneDayEdges_CountExactlyFromRollups(string zone, string day, string[] times, int inDay)
    {
        var n = 0;
        foreach (var time in times.Select(t => DateTimeOffset.Parse(t, CultureInfo.InvariantCulture)))
        {
            var clickId = $"e-{n++}";
            await trax.SeedClickAsync(new Click { ClickId = clickId, ClickedAt = time.AddMinutes(-1) });
            clock.AdjustTime(time);
            await trax.GetAsync($"/wp-json/trax/v1/ftd?clickid={clickId}&payout=1&currency=EUR");
            await trax.DrainAsync();
        }

        clock.AdjustTime(DateTimeOffset.Parse(times[^1], CultureInfo.InvariantCulture).AddDays(2));
        var live = await trax.GetAsync($"/api/reports/conversions?from={day}&to={day}&tz={zone}");
        await trax.Get<RollupRoller>().RollDaysAsync(PostbackLogKeys.LogDay(DateTimeOffset.Parse(times[0], CultureInfo.InvariantCulture)), PostbackLogKeys.LogDay(clock.GetUtcNow()), CancellationToken.None);
        var rolled = await trax.GetAsync($"/api/reports/conversions?from={day}&to={day}&tz={zone}");

        Assert.That(live.Body!.Value.GetProperty("conversions").GetInt64(), Is.EqualTo(inDay), "read live: the day's first quarter in, the next day's first out");
        Assert.That(rolled.Body!.Value.GetProperty("conversions").GetInt64(), Is.EqualTo(inDay), "the same from rollups, quarter by quarter");
        Assert.That(rolled.Body!.Value.GetProperty("timeZone").GetString(), Is.EqualTo(zone));
    }

    [Test]
    public async Task ReportApi_BaseCurrency_ConvertsEachDaysSumsAtItsRateAndNamesMissingRates()
    {
        await using var euro = await TraxApp.StartAsync(time: clock,
            settings: new Dictionary<string, string?> { ["Trax:Reports:BaseCurrency"] = "EUR" });
        await euro.SeedClickAsync(new Click { ClickId = "b-1", ClickedAt = Start.AddHours(-1) });
        await euro.SendAsync(HttpRequests.Json("PUT", "/api/rates/2026-11-20", """{"base": "EUR", "rates": {"USD": 1.25}}"""));
        clock.Advance(TimeSpan.FromHours(1));
        await euro.GetAsync("/wp-json/trax/v1/ftd?clickid=b-1&payout=10.00&currency=EUR");
        await euro.GetAsync("/wp-json/trax/v1/reg?clickid=b-1&payout=12.50&currency=USD");
        await euro.GetAsync("/wp-json/trax/v1/sale?clickid=b-1&txid=1&payout=3.33&currency=USD&status=rejected");
        await euro.DrainAsync();

        var complete = (await euro.GetAsync("/api/reports/conversions?from=2026-11-20&to=2026-11-20")).Body!.Value.GetProperty("base");
        await euro.GetAsync("/wp-json/trax/v1/sale?clickid=b-1&txid=2&payout=1&currency=GBP");
        await euro.DrainAsync();
        var missing = (await euro.GetAsync("/api/reports/conversions?from=2026-11-20&to=2026-11-20")).Body!.Value.GetProperty("base");

        Assert.That((complete.GetProperty("currency").GetString(), complete.GetProperty("complete").GetBoolean()), Is.EqualTo(("EUR", true)));
        Assert.That(complete.GetProperty("payout").GetDecimal(), Is.EqualTo(20.00m), "10 EUR + 12.50 USD at 1.25 USD per EUR");
        Assert.That(complete.GetProperty("rejectedPayout").GetDecimal(), Is.EqualTo(2.664m), "3.33 USD / 1.25");
        Assert.That(missing.GetProperty("complete").GetBoolean(), Is.False);
        Assert.That(missing.GetProperty("payout").ValueKind, Is.EqualTo(JsonValueKind.Null), "never a partial total shown as the total");
        Assert.That(missing.GetProperty("missingRates").EnumerateArray().Select(m => $"{m.GetProperty("day").GetString()} {m.GetProperty("currency").GetString()} {m.GetProperty("reason").GetString()}"),
            Is.EqualTo(new[] { "2026-11-20 GBP currency-not-published" }));
    }
}
