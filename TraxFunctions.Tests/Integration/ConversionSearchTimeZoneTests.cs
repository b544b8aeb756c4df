using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;
using Trax.Clicks;
using Trax.ConversionSearch;
using Trax.Zones;

namespace Trax.Tests.Integration;

/// <summary>
/// <c>tz=</c> on <c>GET /api/conversions/search</c>, on Azurite through the real function: from and to are the zone's
/// days, read from the UTC days of the index they touch and cut to the zone's interval, paged without losing or
/// repeating a conversion; the answer names the zone and shows times at its offset; a token is bound to its zone.
/// </summary>
[Category("Integration")]
public sealed class ConversionSearchTimeZoneTests
{
    // St John's is −2:30 from 2026-03-08 02:00 local (a 23-hour day: 03:30Z to 02:30Z the next day) and −3:30 in
    // November (its 2026-11-19 is 2026-11-19T03:30Z to 2026-11-20T03:30Z). Sale n has txid tn.
    private static readonly string[] Times =
    [
        "2026-03-08T03:29Z", "2026-03-08T03:30Z", "2026-03-09T02:29Z", "2026-03-09T02:30Z",
        "2026-11-19T03:29Z", "2026-11-19T03:30Z", "2026-11-19T23:59Z", "2026-11-20T00:00Z", "2026-11-20T02:29Z", "2026-11-20T02:30Z", "2026-11-20T03:29Z", "2026-11-20T03:30Z",
    ];

    private FakeTimeProvider clock = null!;
    private TraxApp trax = null!;

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        clock = new FakeTimeProvider(DateTimeOffset.Parse(Times[0], CultureInfo.InvariantCulture));
        trax = await TraxApp.StartAsync(time: clock);
        await trax.SeedSalesAtAsync(clock, "z-1", Times);
    }

    [OneTimeTearDown]
    public async Task TearDownAsync() => await trax.DisposeAsync();

    [Test]
    public async Task Search_ZoneDay_FindsExactlyItsConversionsAcrossUtcDaysAtTheZonesOffset()
    {
        var answer = await trax.GetAsync("/api/conversions/search?from=2026-11-19&to=2026-11-19&tz=America/St_Johns");

        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        Assert.That(answer.Field("timeZone"), Is.EqualTo("America/St_Johns"));
        Assert.That((answer.Field("from"), answer.Field("to")), Is.EqualTo(("2026-11-19", "2026-11-19")));
        Assert.That(TxIds(answer.Body!.Value), Is.EqualTo(new[] { "t10", "t9", "t8", "t7", "t6", "t5" }), "03:30Z on the 19th to 03:29Z on the 20th, newest first");
        Assert.That(answer.Body!.Value.GetProperty("daysRead").GetInt32(), Is.EqualTo(2), "the two UTC days it touches");
        var received = answer.Body!.Value.GetProperty("items")[0].GetProperty("receivedAt").GetString();
        Assert.That(received, Is.EqualTo("2026-11-19T23:59:00-03:30"), "times at the zone's offset");
    }

    [Test]
    public async Task Search_DstDay_IsTheZonesTwentyThreeHours()
    {
        var answer = await trax.GetAsync("/api/conversions/search?from=2026-03-08&to=2026-03-08&tz=America/St_Johns");

        Assert.That(TxIds(answer.Body!.Value), Is.EqualTo(new[] { "t2", "t1" }), "03:30Z on the 8th to 02:29Z on the 9th");
        Assert.That(answer.Body!.Value.GetProperty("items")[0].GetProperty("receivedAt").GetString(), Does.EndWith("-02:30"));
        Assert.That(answer.Body!.Value.GetProperty("items")[1].GetProperty("receivedAt").GetString(), Does.EndWith("-03:30"));
    }

    [Test]
    public async Task Search_ZoneDaysPagedOneByOne_ReturnEveryConversionOnceNewestFirst()
    {
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var answer = await trax.GetAsync("/api/conversions/search?from=2026-11-18&to=2026-11-19&tz=America/St_Johns&limit=1" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
            seen.AddRange(TxIds(answer.Body!.Value));
            var next = answer.Body!.Value.GetProperty("continuationToken");
            token = next.ValueKind == JsonValueKind.Null ? null : next.GetString();
            pages++;
        }
        while (token is not null && pages < 20);

        Assert.That(seen, Is.EqualTo(new[] { "t10", "t9", "t8", "t7", "t6", "t5", "t4" }), "the 18th in St John's ends at 03:30Z on the 19th");
    }

    [Test]
    public Task Search_TokenOfAnotherZone_IsRefused() =>
        ZonedTokens.AssertBoundToTheirZoneAsync(trax, "/api/conversions/search?from=2026-11-19&to=2026-11-19");

    [Test]
    public async Task Search_UnknownZone_Is400InvalidTimeZone()
    {
        var answer = await trax.GetAsync("/api/conversions/search?from=2026-11-19&to=2026-11-19&tz=Mars/Olympus");

        Assert.That((answer.StatusCode, answer.Field("reason")), Is.EqualTo((400, "invalid-time-zone")));
    }

    [Test]
    public async Task Search_NoTz_IsTheUtcDayNamedUtc()
    {
        var answer = await trax.GetAsync("/api/conversions/search?from=2026-11-19&to=2026-11-19");

        Assert.That(answer.Field("timeZone"), Is.EqualTo("UTC"));
        Assert.That(TxIds(answer.Body!.Value), Is.EqualTo(new[] { "t6", "t5", "t4" }), "the UTC day: 23:59, 03:30 and 03:29");
        Assert.That(answer.Body!.Value.GetProperty("items")[0].GetProperty("receivedAt").GetString(), Is.EqualTo("2026-11-19T23:59:00+00:00"));
    }

    [TestCase("2026-10-20", 200)]
    [TestCase("2026-10-19", 400)]
    public async Task Search_RangeLimit_CountsZoneDays(string from, int status)
    {
        // 31 St John's days touch 32 UTC days: still one search; 32 are too many.
        var answer = await trax.GetAsync($"/api/conversions/search?from={from}&to=2026-11-19&tz=America/St_Johns");

        Assert.That(answer.StatusCode, Is.EqualTo(status), answer.Text);
        if (status == 400)
        {
            Assert.That(answer.Field("reason"), Is.EqualTo("range-too-long"));
        }
    }

    [Test]
    public void ParseSearch_NoTz_TakesTheDefaultZoneSetting()
    {
        var zones = new TimeZones(Options.Create(new ZoneOptions { TimeZone = "America/St_Johns" }));

        var (search, _) = ConversionSearchRequest.Parse(new QueryCollection(new Dictionary<string, StringValues> { ["from"] = "2026-11-19", ["to"] = "2026-11-19" }), zones);

        Assert.That(search!.Range.Zone.Id, Is.EqualTo("America/St_Johns"));
        Assert.That((search.Days.From, search.Days.To), Is.EqualTo((new DateOnly(2026, 11, 19), new DateOnly(2026, 11, 20))), "the UTC days read");
    }

    private static string[] TxIds(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("txId").GetString()!)];
}
