using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;
using Trax.Clicks;
using Trax.Forwards;
using Trax.Zones;

namespace Trax.Tests.Integration;

/// <summary>
/// <c>tz=</c> on a forward's delivery log, on Azurite through the real functions and a real receiver: the day is the
/// zone's, read from the two UTC-day partitions it touches, paged without losing or repeating a row; the answer names
/// the zone and shows times at its offset; a token is only taken back in its zone; an unknown zone is a 400.
/// </summary>
[Category("Integration")]
public sealed class DeliveryLogTimeZoneTests
{
    // St John's is −3:30 in November: its 2026-11-19 is 2026-11-19T03:30Z to 2026-11-20T03:30Z.
    private static readonly string[] Times =
        ["2026-11-19T03:29Z", "2026-11-19T03:30Z", "2026-11-19T23:59Z", "2026-11-20T00:00Z", "2026-11-20T02:29Z", "2026-11-20T02:30Z", "2026-11-20T03:29Z", "2026-11-20T03:30Z"];

    private FakeTimeProvider clock = null!;
    private TraxApp trax = null!;
    private ForwardReceiver receiver = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        clock = new FakeTimeProvider(DateTimeOffset.Parse(Times[0], CultureInfo.InvariantCulture));
        trax = await TraxApp.StartAsync(time: clock);
        receiver = await ForwardReceiver.StartAsync();
        var put = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/ads", JsonSerializer.Serialize(new { url = $"{receiver.BaseUrl}/cb?txid={{txid}}" })));
        Assert.That(put.StatusCode, Is.AnyOf(200, 201), put.Text);

        // One sale delivered at each time: a delivery row in the UTC day of each.
        await trax.SeedClickAsync(new Click { ClickId = "z-1", ClickedAt = clock.GetUtcNow().AddHours(-1) });
        for (var n = 0; n < Times.Length; n++)
        {
            clock.AdjustTime(DateTimeOffset.Parse(Times[n], CultureInfo.InvariantCulture));
            await trax.GetAsync($"/wp-json/trax/v1/sale?clickid=z-1&txid=t{n}&payout=1&currency=EUR");
            await trax.DrainAsync();
            await trax.DeliverForwardsAsync();
        }
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await receiver.DisposeAsync();
        await trax.DisposeAsync();
    }

    [Test]
    public async Task Deliveries_ZoneDay_ListsItsDeliveriesAcrossUtcDaysNewestFirstAtTheZonesOffset()
    {
        var answer = await trax.GetAsync("/api/forwards/ads/deliveries?date=2026-11-19&tz=America/St_Johns");
        var items = answer.Body!.Value.GetProperty("items").EnumerateArray().ToList();

        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        Assert.That(answer.Field("timeZone"), Is.EqualTo("America/St_Johns"));
        Assert.That(items.Select(i => Utc(i.GetProperty("at").GetString()!)), Is.EqualTo(Times[1..7].Reverse()), "03:30Z on the 19th to 03:29Z on the 20th, newest first");
        Assert.That(items.Select(i => i.GetProperty("at").GetString()), Has.All.EndWith("-03:30"), "times at the zone's offset");
    }

    [Test]
    public async Task Deliveries_ZoneDayPagedOneByOne_ReturnsEveryDeliveryOnceNewestFirst()
    {
        var seen = new List<string>();
        string? token = null;
        do
        {
            var answer = await trax.GetAsync("/api/forwards/ads/deliveries?date=2026-11-19&tz=America/St_Johns&limit=1" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
            seen.AddRange(answer.Body!.Value.GetProperty("items").EnumerateArray().Select(i => Utc(i.GetProperty("at").GetString()!)));
            token = answer.Body!.Value.TryGetProperty("continuationToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (token is not null && seen.Count < 20);

        Assert.That(seen, Is.EqualTo(Times[1..7].Reverse()));
    }

    [Test]
    public Task Deliveries_TokenOfAnotherZone_IsRefused() =>
        ZonedTokens.AssertBoundToTheirZoneAsync(trax, "/api/forwards/ads/deliveries?date=2026-11-19");

    [Test]
    public async Task Deliveries_UnknownZone_Is400InvalidTimeZoneAndTheDefaultIsTheUtcDay()
    {
        var unknown = await trax.GetAsync("/api/forwards/ads/deliveries?date=2026-11-19&tz=Mars/Olympus");
        var utc = await trax.GetAsync("/api/forwards/ads/deliveries?date=2026-11-19");

        Assert.That((unknown.StatusCode, unknown.Field("reason")), Is.EqualTo((400, "invalid-time-zone")));
        Assert.That(utc.Field("timeZone"), Is.EqualTo("UTC"));
        Assert.That(utc.Body!.Value.GetProperty("items").EnumerateArray().Select(i => Utc(i.GetProperty("at").GetString()!)),
            Is.EqualTo(new[] { "2026-11-19T23:59Z", "2026-11-19T03:30Z", "2026-11-19T03:29Z" }), "the UTC day, as before");
    }

    [Test]
    public void ParseDeliveryQuery_NoTz_TakesTheDefaultZoneSetting()
    {
        var zones = new TimeZones(Options.Create(new ZoneOptions { TimeZone = "America/St_Johns" }));

        var (query, _) = ForwardDeliveryQuery.Parse("ads", new QueryCollection(new Dictionary<string, StringValues> { ["date"] = "2026-11-19" }), zones);

        Assert.That(query!.Days.Zone.Id, Is.EqualTo("America/St_Johns"));
        Assert.That((query.Days.Start, query.Days.End), Is.EqualTo((DateTimeOffset.Parse("2026-11-19T03:30Z", CultureInfo.InvariantCulture), DateTimeOffset.Parse("2026-11-20T03:30Z", CultureInfo.InvariantCulture))));
    }

    private static string Utc(string at) =>
        DateTimeOffset.Parse(at, CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-ddTHH:mmZ", CultureInfo.InvariantCulture);
}
