using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Trax.Clicks;
using Trax.Conversions;
using Trax.Forwards;

namespace Trax.Tests.Integration;

/// <summary>
/// Forwarding on Azurite with a real HTTP receiver on loopback (Kestrel): the outbox the processor writes, the
/// deliverer that sends, retries and records, and the API that configures, lists deliveries and replays.
/// </summary>
[Category("Integration")]
public sealed partial class ForwardingTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private const string Today = "2026-11-25";
    private const string Sale = "/wp-json/trax/v1/sale?clickid=c-77&network=AffiliateWeb&program=SuperGame1&txid=T-9&payout=25.50&currency=EUR";

    private static readonly Click TheClick = new()
    {
        ClickId = "c-77", ClickedAt = Start.AddHours(-1),
        Attributes = new()
        {
            LinkId = "supergame1", Campaign = "winter", Network = "AffiliateWeb",
            Source = "https://site.example/reviews?a=1", Sub1 = "gclid-abc 123", Sub2 = "s2", Sub3 = "s3", Sub4 = "s4", Sub5 = "s&5",
        },
    };

    private FakeTimeProvider clock = null!;
    private TraxApp trax = null!;
    private ForwardReceiver receiver = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        clock = new FakeTimeProvider(Start);
        trax = await TraxApp.StartAsync(time: clock);
        await trax.SeedClickAsync(TheClick);
        receiver = await ForwardReceiver.StartAsync();
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await receiver.DisposeAsync();
        await trax.DisposeAsync();
    }

    [Test]
    public async Task CreatedConversion_IsDeliveredOnceWithEveryMacroFilledAndEncoded()
    {
        var macros = string.Join('&', ForwardMacros.All.Select(m => $"{m}={{{m}}}"));
        await PutForwardAsync("ads", new { url = $"{receiver.BaseUrl}/cb?{macros}&token=s3cret" });

        var postbackId = await PostAndProcessAsync(Sale);
        await trax.DeliverForwardsAsync();

        var request = receiver.Received.Single();
        var query = request.Query;
        var expected = new Dictionary<string, string>
        {
            ["clickid"] = "c-77", ["type"] = "sale", ["status"] = "approved", ["payout"] = "25.50", ["currency"] = "EUR", ["txid"] = "T-9",
            ["network"] = "AffiliateWeb", ["program"] = "SuperGame1", ["campaign"] = "winter", ["linkid"] = "supergame1",
            ["source"] = "https://site.example/reviews?a=1", ["sub1"] = "gclid-abc 123", ["sub2"] = "s2", ["sub3"] = "s3", ["sub4"] = "s4",
            ["sub5"] = "s&5", ["conversionid"] = ConversionKeys.ConversionId("c-77", "sale:T-9"), ["postbackid"] = postbackId,
            ["receivedat"] = "2026-11-25T10:00:01Z",
        };
        Assert.That(ForwardMacros.All, Is.EquivalentTo(expected.Keys), "every macro is checked");
        foreach (var (macro, value) in expected)
        {
            Assert.That(query[macro], Is.EqualTo(value), macro);
        }

        Assert.That(request.Method, Is.EqualTo("GET"));
        Assert.That(request.IdempotencyKey, Has.Length.EqualTo(32));
        Assert.That(request.UserAgent, Is.EqualTo(ForwardSender.UserAgent));
        var delivery = (await DeliveriesAsync("ads")).Single();
        Assert.That(delivery.GetProperty("outcome").GetString(), Is.EqualTo("delivered"));
        Assert.That(delivery.GetProperty("httpStatus").GetInt32(), Is.EqualTo(200));
        Assert.That(delivery.GetProperty("jobId").GetString(), Is.EqualTo(request.IdempotencyKey));
        Assert.That(delivery.GetProperty("url").GetString(), Does.Contain("token=redacted").And.Not.Contain("s3cret"));
    }

    [Test]
    public async Task WalkThrough_AsDocsForwardingTellsIt_TheReceiverGetsTheClicksSub1AndEachStatus()
    {
        // docs/forwarding.md's walk-through, through the APIs only, with the lines it says the receiver prints.
        await PutForwardAsync("local", new { url = receiver.BaseUrl + "/?cid={sub1}&status={status}&payout={payout}&conversion={conversionid}" });
        var click = await trax.SendAsync(HttpRequests.Json("POST", "/api/clicks", """{"clickId":"85512345","sub1":"gclid-abc"}"""));
        Assert.That(click.StatusCode, Is.AnyOf(200, 201), click.Text);

        await PostAndProcessAsync("/wp-json/trax/v1/sale?clickid=85512345&txid=T-9&payout=25.50&currency=EUR&status=pending");
        await trax.DeliverForwardsAsync();
        await PostAndProcessAsync("/wp-json/trax/v1/sale?clickid=85512345&txid=T-9&status=approved");
        await trax.DeliverForwardsAsync();

        Assert.That(receiver.Received.Select(r => r.PathAndQuery), Is.EqualTo(new[]
        {
            "/?cid=gclid-abc&status=pending&payout=25.50&conversion=85512345%2Fsale%3AT-9",
            "/?cid=gclid-abc&status=approved&payout=25.50&conversion=85512345%2Fsale%3AT-9",
        }));
        Assert.That((await DeliveriesAsync("local")).Select(d => d.GetProperty("outcome").GetString()), Is.EqualTo(new[] { "delivered", "delivered" }));
    }

    [Test]
    public async Task DisabledForward_OrFilterThatDoesNotMatch_SendsNothing()
    {
        await PutForwardAsync("off", new { url = receiver.BaseUrl + "/off", enabled = false });
        await PutForwardAsync("ftd-only", new { url = receiver.BaseUrl + "/ftd", types = new[] { "ftd" } });
        await PutForwardAsync("other-net", new { url = receiver.BaseUrl + "/net", networks = new[] { "OtherNetwork" } });
        await PutForwardAsync("rejections", new { url = receiver.BaseUrl + "/rej", statuses = new[] { "rejected" } });
        await PutForwardAsync("winter", new { url = receiver.BaseUrl + "/winter", campaigns = new[] { "WINTER" }, links = new[] { "supergame1" } });

        await PostAndProcessAsync(Sale);
        await trax.DeliverForwardsAsync();

        Assert.That(receiver.Received.Select(r => r.PathAndQuery), Is.EqualTo(new[] { "/winter" }));
    }

    [Test]
    public async Task PostForward_SendsItsFormOrJsonBody()
    {
        await PutForwardAsync("form", new { url = receiver.BaseUrl + "/form", method = "POST", body = "click={sub1}&amount={payout}" });
        await PutForwardAsync("json", new { url = receiver.BaseUrl + "/json", method = "post", bodyFormat = "json", body = """{"click":"{sub1}","src":"{source}","amount":{payout}}""" });

        await PostAndProcessAsync(Sale);
        await trax.DeliverForwardsAsync();

        var form = receiver.Received.Single(r => r.PathAndQuery == "/form");
        Assert.That(form.ContentType, Does.StartWith("application/x-www-form-urlencoded"));
        Assert.That(form.Body, Is.EqualTo("click=gclid-abc%20123&amount=25.50"));
        var json = JsonDocument.Parse(receiver.Received.Single(r => r.PathAndQuery == "/json").Body).RootElement;
        Assert.That(json.GetProperty("click").GetString(), Is.EqualTo("gclid-abc 123"));
        Assert.That(json.GetProperty("src").GetString(), Is.EqualTo("https://site.example/reviews?a=1"));
        Assert.That(json.GetProperty("amount").GetDecimal(), Is.EqualTo(25.50m));
    }

    [Test]
    public async Task UrlWithUserInfo_SendsItsCredentialsAsBasicAuthorization_AndTheLogRedactsThem()
    {
        // https://user:pass@host/ is how many partners hand out a postback URL with credentials; the HTTP client
        // itself ignores the user-info, so without this the partner answers 401 to every delivery.
        var withCredentials = receiver.BaseUrl.Replace("http://", "http://partner:s%40cr%20t@", StringComparison.Ordinal);
        await PutForwardAsync("basic", new { url = withCredentials + "/basic?c={clickid}" });
        await PutForwardAsync("plain", new { url = receiver.BaseUrl + "/plain?c={clickid}" });

        await PostAndProcessAsync(Sale);
        await trax.DeliverForwardsAsync();

        var basic = receiver.Received.Single(r => r.PathAndQuery.StartsWith("/basic", StringComparison.Ordinal));
        Assert.That(basic.Authorization, Is.EqualTo("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("partner:s@cr t"))));
        Assert.That(receiver.Received.Single(r => r.PathAndQuery.StartsWith("/plain", StringComparison.Ordinal)).Authorization, Is.Null);
        var delivery = (await DeliveriesAsync("basic")).Single();
        Assert.That(delivery.GetProperty("outcome").GetString(), Is.EqualTo("delivered"));
        Assert.That(delivery.GetProperty("url").GetString(), Does.StartWith("http://redacted@127.0.0.1:").And.Not.Contain("cr"));
    }

    [Test]
    public async Task OrphanAttributedLater_IsForwardedWhenItsClickIsRegistered()
    {
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb?s1={sub1}&c={clickid}" });
        await PostAndProcessAsync("/wp-json/trax/v1/ftd?clickid=late-1");
        await trax.DeliverForwardsAsync();
        Assert.That(receiver.Received, Is.Empty, "an orphan is not counted, so not forwarded");

        var registered = await trax.PostJsonAsync("/api/clicks", """{"clickId":"late-1","sub1":"upstream-9"}""");
        await trax.DeliverForwardsAsync();

        Assert.That(registered.StatusCode, Is.EqualTo(200), registered.Text);
        Assert.That(receiver.Received.Single().PathAndQuery, Is.EqualTo("/cb?s1=upstream-9&c=late-1"));
    }

    private async Task<Answer> PutForwardAsync(string id, object forward)
    {
        var answer = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/" + id, JsonSerializer.Serialize(forward)));
        Assert.That(answer.StatusCode, Is.AnyOf(200, 201), answer.Text);
        return answer;
    }

    private async Task<string> PostAndProcessAsync(string url)
    {
        clock.Advance(TimeSpan.FromSeconds(1));
        var answer = await trax.GetAsync(url);
        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        foreach (var message in await trax.ReceiveAllAsync())
        {
            await trax.ProcessAsync(TraxApp.DecodeLikeTheTrigger(message));
            await trax.RawQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        return answer.Field("id")!;
    }

    private async Task<List<JsonElement>> DeliveriesAsync(string forwardId, string date = Today, string? outcome = null)
    {
        var answer = await trax.GetAsync($"/api/forwards/{forwardId}/deliveries?date={date}" + (outcome is null ? "" : "&outcome=" + outcome));
        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        return [.. answer.Body!.Value.GetProperty("items").EnumerateArray()];
    }
}
