using System.Text.Json;

namespace Trax.Tests.Integration;

/// <summary>The forwards API, and the guard on where a forward may send: private destinations, proxy settings.</summary>
public sealed partial class ForwardingTests
{
    [Test]
    public async Task ForwardsApi_SavesListsReadsAndDeletes_AndRefusesBadTemplates()
    {
        var created = await PutForwardAsync("Ads", new { url = "https://ads.example/pb?c={sub1}&s={Status}", statuses = new[] { "Approved" } });
        var replaced = await PutForwardAsync("ads", new { url = "https://ads.example/pb?c={sub1}", timeoutSeconds = 5 });
        var list = await trax.GetAsync("/api/forwards");
        var one = await trax.GetAsync("/api/forwards/ads");
        var unknownMacro = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/x", """{"url":"https://a.example/?c={clikid}"}"""));
        var relative = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/x", """{"url":"/pb?c={clickid}"}"""));
        var typo = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/x", """{"url":"https://a.example/","statusses":["approved"]}"""));
        var badFilter = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/x", """{"url":"https://a.example/","types":["deposit"]}"""));
        var getBody = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/x", """{"url":"https://a.example/","body":"a={clickid}"}"""));
        var deleted = await trax.SendAsync(HttpRequests.Create("DELETE", "/api/forwards/ads"));
        var again = await trax.SendAsync(HttpRequests.Create("DELETE", "/api/forwards/ads"));

        Assert.That(created.StatusCode, Is.EqualTo(201), created.Text);
        Assert.That(replaced.StatusCode, Is.EqualTo(200), replaced.Text);
        Assert.That(list.Body!.Value.GetProperty("forwards").EnumerateArray().Select(f => f.GetProperty("id").GetString()), Is.EqualTo(new[] { "ads" }));
        var forward = one.Body!.Value.GetProperty("forward");
        Assert.That(forward.GetProperty("timeoutSeconds").GetInt32(), Is.EqualTo(5));
        Assert.That(forward.TryGetProperty("statuses", out _), Is.False, "a replace is whole: the filter is gone");
        Assert.That((unknownMacro.StatusCode, unknownMacro.Field("reason")), Is.EqualTo((400, "unknown-macro")));
        Assert.That(unknownMacro.Field("message"), Does.StartWith("{clikid} is not a macro"));
        Assert.That((relative.StatusCode, relative.Field("reason")), Is.EqualTo((400, "invalid-url")));
        Assert.That((typo.StatusCode, typo.Field("reason")), Is.EqualTo((400, "invalid-body")));
        Assert.That((badFilter.StatusCode, badFilter.Field("reason")), Is.EqualTo((400, "invalid-filter")));
        Assert.That((getBody.StatusCode, getBody.Field("reason")), Is.EqualTo((400, "invalid-method")));
        Assert.That(deleted.StatusCode, Is.EqualTo(200));
        Assert.That((again.StatusCode, again.Field("reason")), Is.EqualTo((404, "unknown-forward")));
    }

    [Test]
    public async Task PrivateDestinations_AreRefusedWhenNotAllowed_AtSaveForAddressesAndAtDeliveryForNames()
    {
        await using var strict = await TraxApp.StartAsync(time: clock,
            settings: new Dictionary<string, string?> { ["Trax:Forwarding:AllowPrivateDestinations"] = "false" });
        await strict.SeedClickAsync(TheClick);

        var literal = await strict.SendAsync(HttpRequests.Json("PUT", "/api/forwards/meta", """{"url":"http://169.254.169.254/latest/meta-data"}"""));
        var named = await strict.SendAsync(HttpRequests.Json("PUT", "/api/forwards/local", JsonSerializer.Serialize(new { url = receiver.BaseUrl.Replace("127.0.0.1", "localhost") + "/cb" })));
        await strict.GetAsync(Sale);
        await strict.DrainAsync();
        await strict.DeliverForwardsAsync();

        Assert.That((literal.StatusCode, literal.Field("reason")), Is.EqualTo((400, "private-destination")));
        Assert.That(named.StatusCode, Is.EqualTo(201), "a host name is judged when it is resolved, on every connection");
        Assert.That(receiver.Received, Is.Empty);
        var page = await strict.GetAsync($"/api/forwards/local/deliveries?date={Today}");
        var delivery = page.Body!.Value.GetProperty("items").EnumerateArray().Single();
        Assert.That(delivery.GetProperty("outcome").GetString(), Is.EqualTo("failed"), "refused at once, never retried");
    }

    [Test]
    public async Task ProxySettings_AreIgnored_SoTheGuardSeesTheDestinationItself()
    {
        // Through a proxy, the guard would only ever see the proxy's address: a forward to the metadata endpoint
        // would pass. The forward client connects directly, whatever HTTP_PROXY says.
        var saved = HttpClient.DefaultProxy;
        HttpClient.DefaultProxy = new System.Net.WebProxy(receiver.BaseUrl);
        try
        {
            await using var proxied = await TraxApp.StartAsync(time: clock);
            await proxied.SeedClickAsync(TheClick);
            Assert.That((await proxied.SendAsync(HttpRequests.Json("PUT", "/api/forwards/far", """{"url":"http://forward-target.invalid/cb","timeoutSeconds":2}"""))).StatusCode, Is.EqualTo(201));
            await proxied.GetAsync(Sale);
            await proxied.DrainAsync();
            await proxied.DeliverForwardsAsync(maxPasses: 1);

            Assert.That(receiver.Received, Is.Empty, "the proxy never saw the request");
            var page = await proxied.GetAsync($"/api/forwards/far/deliveries?date={Today}");
            var delivery = page.Body!.Value.GetProperty("items").EnumerateArray().Single();
            Assert.That(delivery.GetProperty("outcome").GetString(), Is.EqualTo("retrying"));
            Assert.That(delivery.GetProperty("error").GetString(), Does.StartWith("connection failed"));
        }
        finally
        {
            HttpClient.DefaultProxy = saved;
        }
    }
}
