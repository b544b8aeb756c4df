using System.Text.Json;
using Trax.Clicks;

using Trax.PostbackLog;

namespace Trax.Tests.Integration;

/// <summary>
/// Clicks registered through <c>/api/clicks</c>: stored once, each click's result answered, and orphans re-attributed
/// exactly once.
/// </summary>
public sealed partial class ClickTrackingTests
{
    [Test]
    public async Task RegisterClicks_AfterItsConversions_ReattributesTheOrphans()
    {
        await trax.CreateLinkAsync(SuperGame);
        await trax.GetAsync("/wp-json/trax/v1/reg?clickid=plugin-click-1&network=AffiliateWeb");
        time.Advance(TimeSpan.FromMinutes(30));
        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=plugin-click-1&network=AffiliateWeb");
        await trax.DrainAsync();
        Assert.That((await trax.ConversionRowsAsync()).Select(c => c.Orphan), Is.All.True);
        time.Advance(TimeSpan.FromMinutes(5));

        var answer = await trax.SendAsync(HttpRequests.Json("POST", "/api/clicks", $$"""
            {"clickId": "plugin-click-1", "clickedAt": "{{Start.AddMinutes(-10):O}}", "linkId": "SuperGame1",
             "source": "https://blog.example/review", "sub1": "sidebar", "ip": "198.51.100.23"}
            """));

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        Assert.That(answer.Field("status"), Is.EqualTo("ok"));
        var result = answer.Body!.Value.GetProperty("clicks")[0];
        Assert.That(result.GetProperty("status").GetString(), Is.EqualTo("created"));
        Assert.That(result.GetProperty("reattributed").GetInt32(), Is.EqualTo(2));
        var conversions = (await trax.ConversionRowsAsync()).OrderBy(c => c.RowKey).ToList();
        Assert.That(conversions.Select(c => c.RowKey), Is.EqualTo(new[] { "ftd", "reg" }));
        foreach (var conversion in conversions)
        {
            Assert.That(conversion.Orphan, Is.False, conversion.RowKey);
            Assert.That(conversion.LinkId, Is.EqualTo("supergame1"));
            Assert.That(conversion.ClickNetwork, Is.EqualTo("AffiliateWeb"), "from the link");
            Assert.That(conversion.Campaign, Is.EqualTo("november"), "from the link");
            Assert.That(conversion.AttributionWindowDays, Is.EqualTo(30), "from the link");
            Assert.That(conversion.Source, Is.EqualTo("https://blog.example/review"));
            Assert.That(conversion.Sub1, Is.EqualTo("sidebar"));
            Assert.That(conversion.ClickedAt, Is.EqualTo(Start.AddMinutes(-10)));
            Assert.That(conversion.ReattributedAt, Is.EqualTo(Start.AddMinutes(35)));
        }

        Assert.That(conversions.Single(c => c.RowKey == "reg").SecondsToConvert, Is.EqualTo(600));
        Assert.That(conversions.Single(c => c.RowKey == "ftd").SecondsToConvert, Is.EqualTo(2400));
        var click = (await trax.ClicksAsync()).Single();
        Assert.That(click.Via, Is.EqualTo("api"));
        Assert.That(click.IpPrefix, Is.EqualTo("198.51.100.0/24"));

        // The postback log and the reports learn it: both postbacks now read "created" and both are counted.
        var logRows = await trax.PostbackLog.QueryAsync<Azure.Data.Tables.TableEntity>().ToListAsync();
        Assert.That(logRows.Where(r => r.GetString("Outcome") is not null).Select(r => r.GetString("Outcome")), Is.EqualTo(new[] { "created", "created" }));
        Assert.That(logRows.Count(r => r.RowKey.StartsWith(PostbackLogKeys.DayIndexRowPrefix, StringComparison.Ordinal)), Is.EqualTo(2), "one day-index row per counted conversion");
    }

    [Test]
    public async Task RegisterClicks_SameBatchTwice_StoresOnceAndAnswersExists()
    {
        const string batch = """
            [{"clickid": "c-1", "network": "AffiliateWeb"}, {"clickId": "c-2", "campaign": "winter"}]
            """;

        var first = await trax.SendAsync(HttpRequests.Json("POST", "/api/clicks", batch));
        var clicksAfterFirst = await Snapshot(trax.Clicks);
        var second = await trax.SendAsync(HttpRequests.Json("POST", "/api/clicks", batch));

        Assert.That(first.StatusCode, Is.EqualTo(200));
        Assert.That(second.StatusCode, Is.EqualTo(200));
        Assert.That(Statuses(first), Is.EqualTo(new[] { "created", "created" }));
        Assert.That(Statuses(second), Is.EqualTo(new[] { "exists", "exists" }));
        Assert.That(second.Body!.Value.GetProperty("existing").GetInt32(), Is.EqualTo(2));
        Assert.That(await Snapshot(trax.Clicks), Is.EqualTo(clicksAfterFirst), "the second post changed nothing");
        Assert.That(clicksAfterFirst, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task RegisterClicks_SameClickRacing_AttributesEachOrphanExactlyOnce()
    {
        for (var i = 0; i < 5; i++)
        {
            await trax.GetAsync($"/wp-json/trax/v1/sale?clickid=race-1&txid=T-{i}&payout=1");
        }

        await trax.DrainAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            trax.SendAsync(HttpRequests.Json("POST", "/api/clicks", """{"clickId": "race-1", "campaign": "race"}"""))));

        Assert.That(answers.Select(a => a.StatusCode), Is.All.EqualTo(200));
        var results = answers.Select(a => a.Body!.Value.GetProperty("clicks")[0]).ToList();
        Assert.That(results.Count(r => r.GetProperty("status").GetString() == "created"), Is.EqualTo(1));
        Assert.That(results.Sum(r => r.GetProperty("reattributed").GetInt32()), Is.EqualTo(5), "each orphan updated by one registration");
        var conversions = await trax.ConversionRowsAsync();
        Assert.That(conversions, Has.Count.EqualTo(5));
        Assert.That(conversions.Select(c => (c.Orphan, c.Campaign)), Is.All.EqualTo((false, "race")));
    }

    [Test]
    public async Task RegisterClicks_SomeRefused_Answers400WithEachClicksResultAndStoresTheRest()
    {
        var answer = await trax.SendAsync(HttpRequests.Json("POST", "/api/clicks", """
            [{"clickId": "ok-1", "sub1": "{sub1}", "linkId": "nosuchlink"}, {"clickId": "{clickid}"}, {"clickId": "  "},
             {"clickId": "future", "clickedAt": "2030-01-01T00:00:00Z"}]
            """));

        Assert.That(answer.StatusCode, Is.EqualTo(400));
        Assert.That(answer.Field("status"), Is.EqualTo("rejected"));
        var results = answer.Body!.Value.GetProperty("clicks").EnumerateArray().ToList();
        Assert.That(results.Select(r => r.GetProperty("status").GetString()), Is.EqualTo(new[] { "created", "rejected", "rejected", "rejected" }));
        Assert.That(results.Skip(1).Select(r => r.GetProperty("reason").GetString()),
            Is.EqualTo(new[] { "unreplaced-macro", "missing-clickid", "invalid-clicked-at" }));
        Assert.That(results[0].GetProperty("warnings").EnumerateArray().Select(w => w.GetString()),
            Is.EqualTo(new[] { "linkId:unknown-link", "sub1:unreplaced-macro" }));
        var click = (await trax.ClicksAsync()).Single();
        Assert.That(click.ClickId, Is.EqualTo("ok-1"));
        Assert.That(click.Attributes.LinkId, Is.EqualTo("nosuchlink"));
        Assert.That(click.Attributes.Sub1, Is.Null);
        Assert.That(click.Warnings, Is.EqualTo(new[] { "linkId:unknown-link", "sub1:unreplaced-macro" }));
    }

    [Test]
    public async Task RegisterClicks_ClickFromTheRegistrationApi_AttributesALaterPostback()
    {
        await trax.SendAsync(HttpRequests.Json("POST", "/api/clicks",
            """{"clickId": "wp-123", "network": "AffiliateWeb", "program": "SuperGame1", "attributionWindowDays": 7}"""));
        time.Advance(TimeSpan.FromDays(8));

        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=wp-123");
        await trax.DrainAsync();

        var conversion = (await trax.ConversionRowsAsync()).Single();
        Assert.That(conversion.Orphan, Is.False);
        Assert.That(conversion.ClickProgram, Is.EqualTo("SuperGame1"));
        Assert.That(conversion.OutsideWindow, Is.True);
    }

    private static IEnumerable<string?> Statuses(Answer answer) =>
        answer.Body!.Value.GetProperty("clicks").EnumerateArray().Select(r => r.GetProperty("status").GetString());

    private static async Task<List<string>> Snapshot(Azure.Data.Tables.TableClient table) =>
        (await table.QueryAsync<Azure.Data.Tables.TableEntity>().ToListAsync())
        .Select(e => JsonSerializer.Serialize(e.OrderBy(p => p.Key).ToDictionary(p => p.Key, p => p.Value?.ToString())))
        .ToList();
}
