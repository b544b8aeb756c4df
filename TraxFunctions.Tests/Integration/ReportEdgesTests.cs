using Microsoft.Extensions.Time.Testing;

namespace Trax.Tests.Integration;

/// <summary>
/// Reports in a zone and a base currency at their edges, each failing before its fix: the last days of a zone behind UTC.
/// </summary>
[Category("Integration")]
public sealed class ReportEdgesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 7, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string?> Euro = new() { ["Trax:Reports:BaseCurrency"] = "EUR" };

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
