using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Trax.Extensions;
using Trax.Input;
using Trax.Zones;

namespace Trax.Tests.Zones;

/// <summary><c>tz=</c> and ranges of zone days in a query, and the default zone setting.</summary>
public sealed class TimeZonesTests
{
    private static readonly TimeZones Paris = new(Options.Create(new ZoneOptions { TimeZone = "Europe/Paris" }));

    [TestCase("", "Europe/Paris")]
    [TestCase("tz=", "Europe/Paris")]
    [TestCase("tz=UTC", "UTC")]
    [TestCase("tz=America%2FSt_Johns", "America/St_Johns")]
    [TestCase("tz=Asia/Kathmandu&tz=Asia/Kathmandu", "Asia/Kathmandu")]
    public void Read_ZoneOrNone_IsThatZoneOrTheDefault(string query, string expected)
    {
        var reader = new QueryReader(Query(query));

        var zone = Paris.Read(reader);

        Assert.That(reader.Rejection, Is.Null);
        Assert.That(zone!.Id, Is.EqualTo(expected));
    }

    [TestCase("tz=Romance%20Standard%20Time", "invalid-time-zone")]
    [TestCase("tz=Europe/Atlantis", "invalid-time-zone")]
    [TestCase("tz=%2B02:00", "invalid-time-zone")]
    [TestCase("tz=..%2F..%2Fetc%2Fpasswd", "invalid-time-zone")]
    [TestCase("tz=UTC&tz=Europe/Paris", "repeated-parameter")]
    public void Read_NotAZone_FailsTheQueryWithItsReason(string query, string reason)
    {
        var reader = new QueryReader(Query(query));

        var zone = Paris.Read(reader);

        Assert.That(zone, Is.Null);
        Assert.That(reader.Rejection!.Reason, Is.EqualTo(reason));
        Assert.That(reader.Rejection.StatusCode, Is.EqualTo(400));
    }

    [Test]
    public void Range_FromToInAZone_IsThoseZoneDays()
    {
        var reader = new QueryReader(Query("tz=America/St_Johns&from=2026-11-01&to=2026-11-30"));
        var zone = Paris.Read(reader);

        var range = TimeZones.Range(reader, zone, reader.RequiredDay("from"), reader.RequiredDay("to"));

        Assert.That(reader.Rejection, Is.Null);
        Assert.That(range!.Zone.Id, Is.EqualTo("America/St_Johns"));
        Assert.That(range.Days, Is.EqualTo(30));
        Assert.That(range.Start, Is.EqualTo(ZoneTests.Instant("2026-11-01T02:30Z")));
        Assert.That(range.End, Is.EqualTo(ZoneTests.Instant("2026-12-01T03:30Z")));
    }

    [TestCase("from=2026-11-30&to=2026-11-01", 400, "invalid-range")]
    [TestCase("from=2025-01-01&to=2026-02-05", 400, "range-too-long")]
    [TestCase("from=2026-01-01&to=2026-04-03", 92, "range-too-long")]
    public void Range_BackwardsOrTooLong_FailsTheQuery(string query, int maxDays, string reason)
    {
        var reader = new QueryReader(Query(query));

        var range = TimeZones.Range(reader, Zone.Utc, reader.RequiredDay("from"), reader.RequiredDay("to"), maxDays);

        Assert.That(range, Is.Null);
        Assert.That(reader.Rejection!.Reason, Is.EqualTo(reason));
    }

    [TestCase("America/St_Johns", "9999-12-30", "invalid-date")]
    [TestCase("Etc/GMT+12", "9999-12-30", "invalid-date")]
    [TestCase("America/St_Johns", "9999-12-29", null)]
    [TestCase("Pacific/Kiritimati", "9999-12-30", null)]
    [TestCase("UTC", "9999-12-30", null)]
    public void Range_LastDaysOfAZone_AreTheDaysThatEndByTheLastUtcDay(string id, string to, string? reason)
    {
        // Behind UTC, a zone's 9999-12-30 ends on UTC 9999-12-31, whose hours the readers cannot step through.
        var reader = new QueryReader(Query($"from=9999-12-20&to={to}"));

        var range = TimeZones.Range(reader, Zone.Find(id), reader.RequiredDay("from"), reader.RequiredDay("to"));

        Assert.That(reader.Rejection?.Reason, Is.EqualTo(reason));
        Assert.That(range is null, Is.EqualTo(reason is not null));
        Assert.That(range?.End ?? DateTimeOffset.MinValue, Is.LessThanOrEqualTo(new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public void Range_OfFourHundredDays_IsTheLongestAllowed()
    {
        var from = new DateOnly(2025, 1, 1);
        var reader = new QueryReader(Query(""));

        var longest = TimeZones.Range(reader, Zone.Utc, from, from.AddDays(ZoneDayRange.MaxDays - 1));
        var tooLong = TimeZones.Range(reader, Zone.Utc, from, from.AddDays(ZoneDayRange.MaxDays));

        Assert.That(longest!.Days, Is.EqualTo(400));
        Assert.That(tooLong, Is.Null);
        Assert.That(reader.Rejection!.Message, Does.Contain("400 days"));
    }

    [Test]
    public void Range_AfterAnEarlierProblem_KeepsTheFirstProblem()
    {
        var reader = new QueryReader(Query("tz=Mars/Olympus&from=2026-11-01"));
        var zone = Paris.Read(reader);

        var range = TimeZones.Range(reader, zone, reader.RequiredDay("from"), reader.RequiredDay("to"));

        Assert.That(range, Is.Null);
        Assert.That(reader.Rejection!.Reason, Is.EqualTo("invalid-time-zone"));
    }

    [Test]
    public void Options_DefaultZone_IsUtcUnlessSet()
    {
        using var unset = Services(null);
        using var set = Services("America/St_Johns");

        Assert.That(unset.GetRequiredService<TimeZones>().Default, Is.SameAs(Zone.Utc));
        Assert.That(set.GetRequiredService<TimeZones>().Default.Id, Is.EqualTo("America/St_Johns"));
    }

    [TestCase("Romance Standard Time")]
    [TestCase("Europe/Atlantis")]
    [TestCase("")]
    public void Options_DefaultZoneNotAnIanaZone_FailsAtStartupNamingTheSetting(string value)
    {
        using var services = Services(value);

        var ex = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<ZoneOptions>>().Value);

        Assert.That(ex!.Message, Does.Contain("Trax:Reports:TimeZone"));
    }

    private static ServiceProvider Services(string? zone) => new ServiceCollection().AddLogging().AddTrax(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Trax:Reports:TimeZone"] = zone,
        }.Where(kv => kv.Value is not null)).Build()).BuildServiceProvider();

    private static IQueryCollection Query(string query) => new QueryCollection(QueryHelpers.ParseQuery(query));
}
