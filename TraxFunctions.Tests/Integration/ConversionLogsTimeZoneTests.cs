using System.Text.Json;
using Trax.Clicks;

namespace Trax.Tests.Integration;

/// <summary>
/// A conversion's own logs take <c>tz=</c> like every other log API: <c>GET /api/conversions/postbacks</c> and
/// <c>/api/conversions/deliveries</c> read the zone's days (from, to, and the default window that starts on the day the
/// conversion was received), name the zone and give times at its offset. Europe/Berlin is UTC+1 in November, so its
/// 2026-11-25 ends at 23:00 UTC: between the rows seeded from 22:00 UTC on.
/// </summary>
[Category("Integration")]
public sealed class ConversionLogsTimeZoneTests() : ClockedAppTests(Start)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 22, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset BerlinMidnight = new(2026, 11, 25, 23, 0, 0, TimeSpan.Zero);

    [SetUp]
    public async Task SeedClickAsync() =>
        await trax.SeedClickAsync(new Click { ClickId = "c-1", ClickedAt = Start.AddHours(-1), Attributes = new() { Network = "AffiliateWeb" } });

    [Test]
    public async Task Postbacks_ZoneDays_AreExactlyTheRowsReceivedInThemAtTheZonesOffset()
    {
        var sent = await SeedPostbacksAsync();

        var first = await GetOkAsync("/api/conversions/postbacks?clickid=c-1&from=2026-11-25&to=2026-11-25&tz=Europe/Berlin");
        var second = await GetOkAsync("/api/conversions/postbacks?clickid=c-1&from=2026-11-26&to=2026-11-26&tz=Europe/Berlin");

        Assert.That(first.GetProperty("timeZone").GetString(), Is.EqualTo("Europe/Berlin"));
        Assert.That(Ids(first), Is.EquivalentTo(sent.Where(s => s.At < BerlinMidnight).Select(s => s.Id)), "Berlin's 25th: before 23:00 UTC");
        Assert.That(Ids(second), Is.EquivalentTo(sent.Where(s => s.At >= BerlinMidnight).Select(s => s.Id)), "Berlin's 26th: from 23:00 UTC");
        Assert.That(Times(first).Concat(Times(second)).Select(t => t.Offset), Is.All.EqualTo(TimeSpan.FromHours(1)));
        Assert.That((first.GetProperty("from").GetString(), first.GetProperty("to").GetString()), Is.EqualTo(("2026-11-25", "2026-11-25")));
    }

    [Test]
    public async Task Postbacks_WithoutDays_StartOnTheZoneDayTheConversionWasReceived()
    {
        var sent = await SeedPostbacksAsync();

        // 22:00 UTC on the 25th is noon of the 26th in Kiritimati (UTC+14).
        var answer = await GetOkAsync("/api/conversions/postbacks?clickid=c-1&tz=Pacific/Kiritimati");

        Assert.That((answer.GetProperty("from").GetString(), answer.GetProperty("to").GetString()), Is.EqualTo(("2026-11-26", "2026-11-26")));
        Assert.That(Ids(answer), Is.EquivalentTo(sent.Select(s => s.Id)));
    }

    [Test]
    public async Task Postbacks_Token_IsBoundToItsZone()
    {
        await SeedPostbacksAsync();

        await ZonedTokens.AssertBoundToTheirZoneAsync(trax, "/api/conversions/postbacks?clickid=c-1&from=2026-11-25&to=2026-11-26");
    }

    // A token names the days it pages through: sent with a later "to", it went on inside the old days, and the rows of
    // the days added (the newest, read first) were silently missing from the pages.
    [TestCase("")]
    [TestCase("&tz=Europe/Berlin")]
    public async Task Postbacks_TokenOfOtherDays_IsRefused(string tz)
    {
        await SeedPostbacksAsync();
        var first = await GetOkAsync($"/api/conversions/postbacks?clickid=c-1&from=2026-11-25&to=2026-11-25&limit=2{tz}");
        var token = Uri.EscapeDataString(first.GetProperty("continuationToken").GetString()!);

        var wider = await trax.GetAsync($"/api/conversions/postbacks?clickid=c-1&from=2026-11-25&to=2026-11-26&limit=2{tz}&continuationToken={token}");
        var same = await trax.GetAsync($"/api/conversions/postbacks?clickid=c-1&from=2026-11-25&to=2026-11-25&limit=2{tz}&continuationToken={token}");

        Assert.That((wider.StatusCode, wider.Field("reason")), Is.EqualTo((400, "invalid-continuation-token")), wider.Text);
        Assert.That(same.StatusCode, Is.EqualTo(200), same.Text);
    }

    [Test]
    public async Task Postbacks_TokenOfTheWindowEndingToday_StillReadsAfterMidnight()
    {
        await SeedPostbacksAsync();
        var first = await GetOkAsync("/api/conversions/postbacks?clickid=c-1&limit=2");
        var token = Uri.EscapeDataString(first.GetProperty("continuationToken").GetString()!);
        clock.Advance(TimeSpan.FromDays(1));

        var next = await GetOkAsync($"/api/conversions/postbacks?clickid=c-1&limit=2&continuationToken={token}");

        Assert.That(first.GetProperty("to").GetString(), Is.Not.EqualTo(next.GetProperty("to").GetString()), "the window ends today");
        Assert.That(Ids(next), Has.Length.EqualTo(2).And.No.AnyOf(Ids(first)));
    }

    [Test]
    public async Task Deliveries_ZoneDays_AreExactlyTheAttemptsMadeInThemAtTheZonesOffset()
    {
        await using var receiver = await ForwardReceiver.StartAsync();
        var forward = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/ads", JsonSerializer.Serialize(new { url = receiver.BaseUrl + "/ads?s={status}" })));
        Assert.That(forward.StatusCode, Is.AnyOf(200, 201), forward.Text);
        await PostAsync("sale?clickid=c-1&txid=T-1&payout=10&status=pending");
        Assert.That(await trax.DeliverForwardsAsync(), Is.EqualTo(1), "pending, at 22:00 UTC");
        clock.Advance(TimeSpan.FromMinutes(90));
        await PostAsync("sale?clickid=c-1&txid=T-1&status=approved");
        Assert.That(await trax.DeliverForwardsAsync(), Is.EqualTo(1), "approved, at 23:30 UTC");

        var utc = await GetOkAsync("/api/conversions/deliveries?conversion=c-1/sale:T-1&from=2026-11-25&to=2026-11-25");
        var first = await GetOkAsync("/api/conversions/deliveries?conversion=c-1/sale:T-1&from=2026-11-25&to=2026-11-25&tz=Europe/Berlin");
        var second = await GetOkAsync("/api/conversions/deliveries?conversion=c-1/sale:T-1&from=2026-11-26&to=2026-11-26&tz=Europe/Berlin");

        Assert.That(Statuses(utc), Is.EqualTo(new[] { "approved", "pending" }), "UTC's 25th holds both");
        Assert.That(Statuses(first), Is.EqualTo(new[] { "pending" }), "Berlin's 25th ends at 23:00 UTC");
        Assert.That(Statuses(second), Is.EqualTo(new[] { "approved" }));
        Assert.That(first.GetProperty("timeZone").GetString(), Is.EqualTo("Europe/Berlin"));
        Assert.That(first.GetProperty("items")[0].GetProperty("at").GetDateTimeOffset().Offset, Is.EqualTo(TimeSpan.FromHours(1)));
        Assert.That(utc.GetProperty("timeZone").GetString(), Is.EqualTo("UTC"));
    }

    [TestCase("/api/conversions/postbacks?clickid=c-1&tz=Mars/Olympus")]
    [TestCase("/api/conversions/deliveries?conversion=c-1/ftd&tz=Mars/Olympus")]
    public async Task LogApis_UnknownZone_Is400(string path)
    {
        await PostAsync("ftd?clickid=c-1");

        var answer = await trax.GetAsync(path);

        Assert.That((answer.StatusCode, answer.Field("reason")), Is.EqualTo((400, "invalid-time-zone")), answer.Text);
    }

    /// <summary>An ftd at 22:00 UTC, then 23 refused ftds of the click ten minutes apart, across UTC's and Berlin's midnights.</summary>
    private async Task<List<(string Id, DateTimeOffset At)>> SeedPostbacksAsync()
    {
        var accepted = await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=c-1&network=AffiliateWeb");
        Assert.That(accepted.StatusCode, Is.EqualTo(200), accepted.Text);
        Assert.That(await trax.DrainAsync(), Is.EqualTo(1));
        for (var i = 0; i < 23; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(10));
            Assert.That((await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=c-1&payout=abc")).StatusCode, Is.EqualTo(400));
        }

        var rows = (await trax.LogAsync()).Select(r => (r.PostbackId, r.ReceivedAt)).ToList();
        Assert.That(rows, Has.Count.EqualTo(24));
        Assert.That(rows.Count(r => r.ReceivedAt < BerlinMidnight), Is.EqualTo(6), "22:00 to 22:50 UTC");
        return rows;
    }

    private async Task PostAsync(string pathAndQuery)
    {
        var answer = await trax.GetAsync("/wp-json/trax/v1/" + pathAndQuery);
        Assert.That(answer.StatusCode, Is.EqualTo(200), pathAndQuery + ": " + answer.Text);
        Assert.That(await trax.DrainAsync(), Is.EqualTo(1));
        clock.Advance(TimeSpan.FromSeconds(1));
    }

    private async Task<JsonElement> GetOkAsync(string path)
    {
        var answer = await trax.GetAsync(path);
        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        return answer.Body!.Value;
    }

    private static IEnumerable<JsonElement> Items(JsonElement answer) => answer.GetProperty("items").EnumerateArray();

    private static string[] Ids(JsonElement answer) => [.. Items(answer).Select(i => i.GetProperty("id").GetString()!)];

    private static DateTimeOffset[] Times(JsonElement answer) => [.. Items(answer).Select(i => i.GetProperty("receivedAt").GetDateTimeOffset())];

    private static string[] Statuses(JsonElement answer) => [.. Items(answer).Select(i => i.GetProperty("status").GetString()!)];
}
