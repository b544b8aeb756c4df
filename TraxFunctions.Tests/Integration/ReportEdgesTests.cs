using Microsoft.Extensions.Time.Testing;
using Trax.Clicks;

namespace Trax.Tests.Integration;

/// <summary>
/// Reports in a zone and a base currency at their edges, each failing before its fix: the rates table timing out or
/// dropping the connection, and the last days of a zone behind UTC.
/// </summary>
[Category("Integration")]
public sealed class ReportEdgesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 7, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string?> Euro = new() { ["Trax:Reports:BaseCurrency"] = "EUR" };

    [TestCase(InjectedFault.Timeout, "conversions")]
    [TestCase(InjectedFault.Timeout, "conversions-csv")]
    [TestCase(InjectedFault.Timeout, "traffic")]
    [TestCase(InjectedFault.LostResponseRetried, "conversions")]
    [TestCase(InjectedFault.LostResponseRetried, "traffic")]
    public async Task Report_RatesTableTimesOutOrDropsTheConnection_AnswersItsCountsAndSaysRatesUnavailable(InjectedFault fault, string report)
    {
        // The SDK gives up on a timeout or a dropped connection with an AggregateException, not a RequestFailedException:
        // the report answered 503 for what is only a rates outage.
        var clock = new FakeTimeProvider(Start);
        await using var trax = await TraxApp.StartAsync(time: clock, settings: Euro);
        await trax.SeedClickAsync(new Click { ClickId = "r-1", ClickedAt = Start.AddHours(-1) });
        await trax.SendAsync(HttpRequests.Json("PUT", "/api/rates/2026-11-20", """{"base": "EUR", "rates": {"USD": 1.25}}"""));
        clock.Advance(TimeSpan.FromHours(1));
        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=r-1&payout=12.50&currency=USD");
        await trax.DrainAsync();
        trax.Faults.Fail(StorageFaults.Table("Rates"), fault, times: 100);

        var answer = await trax.GetAsync(report switch
        {
            "conversions" => "/api/reports/conversions?from=2026-11-20&to=2026-11-20",
            "conversions-csv" => "/api/reports/conversions?from=2026-11-20&to=2026-11-20&format=csv",
            _ => "/api/reports/traffic?from=2026-11-20&to=2026-11-20",
        });

        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        Assert.That(trax.Faults.Injected.Select(i => i.Request.Resource), Has.All.StartsWith("Rates"), "only the rates were out");
        if (report == "conversions")
        {
            var body = answer.Body!.Value;
            Assert.That(body.GetProperty("conversions").GetInt32(), Is.EqualTo(1), "the counts stand");
            Assert.That(body.GetProperty("base").GetProperty("ratesUnavailable").GetBoolean(), Is.True);
            Assert.That(body.GetProperty("base").GetProperty("payout").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        }
        else if (report == "conversions-csv")
        {
            Assert.That(Rfc4180.Parse(answer.Text)[1], Is.EqualTo(new[] { "USD", "1", "12.50", "0", "", "EUR", "rates-unavailable", "rates-unavailable" }));
        }
        else
        {
            var body = answer.Body!.Value;
            Assert.That(body.GetProperty("ratesUnavailable").GetBoolean(), Is.True);
            Assert.That(body.GetProperty("totals").GetProperty("conversions").GetInt32(), Is.EqualTo(1));
            Assert.That(body.GetProperty("totals").GetProperty("revenue").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        }
    }

    [TestCase("/api/reports/conversions?from=9999-12-30&to=9999-12-30&tz=America/St_Johns")]
    [TestCase("/api/reports/conversions?from=9999-12-01&to=9999-12-30&tz=Etc/GMT%2B12&format=csv")]
    [TestCase("/api/reports/traffic?from=9999-12-30&to=9999-12-30&tz=America/St_Johns")]
    [TestCase("/api/reports/traffic?from=9999-12-30&to=9999-12-30&tz=America/St_Johns&groupBy=source")]
    [TestCase("/api/overview?from=9999-12-30&to=9999-12-30&tz=America/St_Johns")]
    public async Task Report_LastDayOfAZoneBehindUtc_Is400InvalidDateNotAnError(string path)
    {
        // The zone's 9999-12-30 ends on UTC 9999-12-31, whose last hour ends past the last instant .NET can hold:
        // the readers threw (500). The days a zone ahead of UTC can name are unchanged.
        await using var trax = await TraxApp.StartAsync(time: new FakeTimeProvider(Start), settings: Euro);

        var answer = await trax.GetAsync(path);
        var ahead = await trax.GetAsync(path.Replace("America/St_Johns", "Pacific/Kiritimati").Replace("Etc/GMT%2B12", "Pacific/Kiritimati"));

        Assert.That(answer.StatusCode, Is.EqualTo(400), answer.Text);
        Assert.That(answer.Field("reason"), Is.EqualTo("invalid-date"));
        Assert.That(answer.Field("message"), Does.Contain("9999-12-30"));
        Assert.That(ahead.StatusCode, Is.EqualTo(200), ahead.Text);
    }
}
