using System.Text.Json;
using Azure.Data.Tables;
using Trax.Clicks;
using Trax.Core;
using Trax.PostbackLog;

namespace Trax.Tests.Integration;

/// <summary>Forwards choose which attributions they hear of.</summary>
public sealed partial class AttributionTests
{
    [Test]
    public async Task Forwards_WithoutAnAttributionFilterHearOnlyAttributed_AndOneThatTakesAllHearsEachConversionOncePerStatus()
    {
        await using var receiver = await ForwardReceiver.StartAsync();
        var plain = await PutForwardAsync("plain", new { url = receiver.BaseUrl + "/plain?c={clickid}&s={status}&s1={sub1}" });
        var all = await PutForwardAsync("all", new
        {
            url = receiver.BaseUrl + "/all?c={clickid}&s={status}", attribution = new[] { "attributed", "unattributed", "outside-window" },
        });
        Assert.That(Attributions(plain), Is.EqualTo(new[] { "attributed" }), "a forward without the filter shows what it means: attributed only");
        Assert.That(Attributions(all), Is.EqualTo(new[] { "attributed", "unattributed", "outside-window" }));
        Assert.That(Attributions((await trax.GetAsync("/api/forwards/all")).Body!.Value.GetProperty("forward")), Is.EqualTo(new[] { "attributed", "unattributed", "outside-window" }));

        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=wp-3&status=pending");
        await trax.DrainAsync();
        await trax.DeliverForwardsAsync();

        // The network repeats itself: the newer repeat becomes who set the state (so a job id made now would be a new one).
        clock.Advance(TimeSpan.FromMinutes(1));
        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=wp-3&status=pending");
        await trax.DrainAsync();
        await trax.DeliverForwardsAsync();
        var afterPostback = receiver.Received.Select(r => r.PathAndQuery).ToList();
        await RegisterAsync("""{"clickId": "wp-3", "sub1": "gclid-9"}""");
        await trax.DeliverForwardsAsync();
        var afterRegistration = receiver.Received.Select(r => r.PathAndQuery).ToList();
        clock.Advance(TimeSpan.FromMinutes(5));
        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=wp-3&status=approved");
        await trax.DrainAsync();
        await trax.DeliverForwardsAsync();

        Assert.That(afterPostback, Is.EqualTo(new[] { "/all?c=wp-3&s=pending" }), "the partner that takes all hears of it at once, and once");
        Assert.That(afterRegistration, Is.EqualTo(new[] { "/all?c=wp-3&s=pending", "/plain?c=wp-3&s=pending&s1=gclid-9" }),
            "attributed now: the plain forward hears of it, the other is not sent the same status twice");
        Assert.That(receiver.Received.Select(r => r.PathAndQuery).Skip(afterRegistration.Count),
            Is.EquivalentTo(new[] { "/all?c=wp-3&s=approved", "/plain?c=wp-3&s=approved&s1=gclid-9" }));
    }

    [Test]
    public async Task Forwards_AnAttributionFilterThatIsNotAList_OfKnownValues_IsRefused()
    {
        foreach (var attribution in new object[] { new[] { "orphan" }, Array.Empty<string>(), new[] { "attributed", "" } })
        {
            var answer = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/bad", JsonSerializer.Serialize(new { url = "https://ads.example/cb", attribution })));

            Assert.That((answer.StatusCode, answer.Field("reason")), Is.EqualTo((400, "invalid-filter")), JsonSerializer.Serialize(attribution));
        }
    }

    private async Task<JsonElement> PutForwardAsync(string id, object forward)
    {
        var answer = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/" + id, JsonSerializer.Serialize(forward)));
        Assert.That(answer.StatusCode, Is.EqualTo(201), answer.Text);
        return answer.Body!.Value.GetProperty("forward");
    }

    private static List<string?> Attributions(JsonElement forward) =>
        [.. forward.GetProperty("attribution").EnumerateArray().Select(a => a.GetString())];
}
