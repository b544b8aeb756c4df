using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;
using Trax.Clicks;
using Trax.PostbackLog;
using Trax.Zones;

namespace Trax.Tests.Integration;

/// <summary>
/// <c>tz=</c> on the log and lookup APIs, on Azurite through the real functions: the log's day (and hour) is the
/// zone's, across the UTC days it touches, paged without losing or repeating a row; the answers name the zone and show
/// times at its offset; an unknown zone is a 400.
/// </summary>
[Category("Integration")]
public sealed class LogTimeZoneTests
{
    // St John's is −3:30 in November: its 2026-11-19 is 2026-11-19T03:30Z to 2026-11-20T03:30Z.
    private static readonly string[] Times =
        ["2026-11-19T03:29Z", "2026-11-19T03:30Z", "2026-11-19T23:59Z", "2026-11-20T00:00Z", "2026-11-20T02:29Z", "2026-11-20T02:30Z", "2026-11-20T03:29Z", "2026-11-20T03:30Z"];

    private FakeTimeProvider clock = null!;
    private TraxApp trax = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        clock = new FakeTimeProvider(DateTimeOffset.Parse(Times[0], CultureInfo.InvariantCulture));
        trax = await TraxApp.StartAsync(time: clock);
        await trax.SeedSalesAtAsync(clock, "z-1", Times);
    }

    [TearDown]
    public async Task TearDownAsync() => await trax.DisposeAsync();

    [Test]
    public async Task ListPostbacks_ZoneDay_ListsItsRowsAcrossUtcDaysNewestFirstAtTheZonesOffset()
    {
        var answer = await trax.GetAsync("/api/postbacks?date=2026-11-19&tz=America/St_Johns");
        var items = answer.Body!.Value.GetProperty("items").EnumerateArray().ToList();

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        Assert.That(answer.Field("timeZone"), Is.EqualTo("America/St_Johns"));
        Assert.That(items.Select(i => DateTimeOffset.Parse(i.GetProperty("receivedAt").GetString()!, CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-ddTHH:mmZ", CultureInfo.InvariantCulture)),
            Is.EqualTo(Times[1..7].Reverse()), "03:30Z on the 19th to 03:29Z on the 20th, newest first");
        Assert.That(items[0].GetProperty("receivedAt").GetString(), Does.EndWith("-03:30"), "times at the zone's offset");
    }

    [Test]
    public async Task ListPostbacks_ZoneDayPagedOneByOne_ReturnsEveryRowOnce()
    {
        var seen = new List<string>();
        string? token = null;
        do
        {
            var answer = await trax.GetAsync("/api/postbacks?date=2026-11-19&tz=America/St_Johns&limit=1" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            Assert.That(answer.StatusCode, Is.EqualTo(200));
            seen.AddRange(answer.Body!.Value.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("receivedAt").GetString()!));
            var next = answer.Body!.Value.GetProperty("continuationToken");
            token = next.ValueKind == JsonValueKind.Null ? null : next.GetString();
        }
        while (token is not null && seen.Count < 20);

        Assert.That(seen, Has.Count.EqualTo(6).And.Unique);
    }

    [Test]
    public async Task ListPostbacks_ZoneHour_IsTheZonesClockHour()
    {
        // 23:00 to 24:00 in St John's on the 19th is 02:30Z to 03:30Z on the 20th.
        var answer = await trax.GetAsync("/api/postbacks?date=2026-11-19&hour=23&tz=America/St_Johns");

        Assert.That(answer.Body!.Value.GetProperty("items").EnumerateArray().Select(i => DateTimeOffset.Parse(i.GetProperty("receivedAt").GetString()!, CultureInfo.InvariantCulture).ToString("HH:mm", CultureInfo.InvariantCulture)),
            Is.EqualTo(new[] { "23:59", "23:00" }));
    }

    [Test]
    public Task ListPostbacks_TokenOfAnotherZone_IsRefused() =>
        ZonedTokens.AssertBoundToTheirZoneAsync(trax, "/api/postbacks?date=2026-11-19");

    [Test]
    public async Task LogAndLookup_UnknownZone_Are400InvalidTimeZoneAndTheDefaultIsUtc()
    {
        var log = await trax.GetAsync("/api/postbacks?date=2026-11-19&tz=Mars/Olympus");
        var lookup = await trax.GetAsync("/api/conversions?clickid=z-1&tz=Romance%20Standard%20Time");
        var utc = await trax.GetAsync("/api/postbacks?date=2026-11-19");

        Assert.That((log.StatusCode, log.Field("reason")), Is.EqualTo((400, "invalid-time-zone")));
        Assert.That((lookup.StatusCode, lookup.Field("reason")), Is.EqualTo((400, "invalid-time-zone")));
        Assert.That(utc.Field("timeZone"), Is.EqualTo("UTC"));
        Assert.That(utc.Body!.Value.GetProperty("count").GetInt32(), Is.EqualTo(3), "the UTC day: 03:29, 03:30 and 23:59");
    }

    [Test]
    public async Task LookupConversions_Zone_NamesItAndShowsTimesAtItsOffset()
    {
        var answer = await trax.GetAsync("/api/conversions?clickid=z-1&tz=Asia/Kathmandu");
        var first = answer.Body!.Value.GetProperty("conversions")[0];

        Assert.That(answer.Field("timeZone"), Is.EqualTo("Asia/Kathmandu"));
        Assert.That(first.GetProperty("receivedAt").GetString(), Does.EndWith("+05:45"));
        Assert.That(first.GetProperty("history")[0].GetProperty("receivedAt").GetString(), Does.EndWith("+05:45"));
    }

    [Test]
    public void ParseLogQuery_NoTz_TakesTheDefaultZoneSetting()
    {
        var zones = new TimeZones(Options.Create(new ZoneOptions { TimeZone = "America/St_Johns" }));

        var (query, _) = PostbackLogQuery.Parse(new QueryCollection(new Dictionary<string, StringValues> { ["date"] = "2026-11-19" }), zones);

        Assert.That(query!.Zone.Id, Is.EqualTo("America/St_Johns"));
        Assert.That((query.Start, query.End), Is.EqualTo((DateTimeOffset.Parse("2026-11-19T03:30Z", CultureInfo.InvariantCulture), DateTimeOffset.Parse("2026-11-20T03:30Z", CultureInfo.InvariantCulture))));
    }
}
