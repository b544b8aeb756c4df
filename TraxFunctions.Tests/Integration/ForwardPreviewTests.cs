using System.Text.Json;
using Azure.Data.Tables;

namespace Trax.Tests.Integration;

/// <summary><c>POST /api/forwards/preview</c> on Azurite: the sender's rendering for a sample or a stored conversion, nothing saved or sent.</summary>
[Category("Integration")]
public sealed class ForwardPreviewTests
{
    private TraxApp trax = null!;

    [SetUp]
    public async Task SetUpAsync() => trax = await TraxApp.StartAsync();

    [TearDown]
    public async Task TearDownAsync() => await trax.DisposeAsync();

    [Test]
    public async Task Preview_SampleConversion_RendersTheUrlAndJsonBodyAsTheSenderEncodesThem()
    {
        var answer = await PreviewAsync(new
        {
            forward = new { url = "https://ads.example/pb?cid={sub1}&c={campaign}", method = "POST", bodyFormat = "json", body = """{"click":"{clickid}","s":"{sub2}"}""" },
        });

        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        Assert.That(answer.Field("status"), Is.EqualTo("ok"));
        Assert.That(answer.Body!.Value.GetProperty("sample").GetBoolean(), Is.True);
        Assert.That(answer.Body!.Value.GetProperty("matches").ValueKind, Is.EqualTo(JsonValueKind.Null), "a sample is not judged by the filters");
        Assert.That(answer.Field("method"), Is.EqualTo("POST"));
        Assert.That(answer.Field("url"), Does.StartWith("https://ads.example/pb?cid=gclid-abc&c=black"));
        Assert.That(answer.Field("url"), Does.Not.Contain(" "), "a value is URL-encoded in the URL");
        Assert.That(answer.Field("contentType"), Is.EqualTo("application/json"));
        using var body = JsonDocument.Parse(answer.Field("body")!);
        Assert.That(body.RootElement.GetProperty("click").GetString(), Is.EqualTo("85512345"));
        Assert.That(body.RootElement.GetProperty("s").GetString(), Is.EqualTo("a&b=c"), "JSON-encoded in a JSON body");
        await AssertNothingSavedOrQueuedAsync();
    }

    [Test]
    public async Task Preview_StoredConversion_UsesItsValuesAndSaysWhetherTheFiltersMatch()
    {
        await trax.SeedClickAsync(new Trax.Clicks.Click { ClickId = "c-1", ClickedAt = DateTimeOffset.UtcNow.AddMinutes(-5), Attributes = new() { Sub1 = "gclid-9" } });
        Assert.That((await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=c-1&network=AffiliateWeb&payout=25.50&currency=EUR")).StatusCode, Is.EqualTo(200));
        Assert.That(await trax.DrainAsync(), Is.EqualTo(1));
        await trax.DeliverForwardsAsync();

        var ftdOnly = await PreviewAsync(new { forward = new { url = "https://ads.example/pb?c={clickid}&p={payout}&n={network}&s={sub1}", types = new[] { "ftd" } }, conversion = "c-1/ftd" });
        var regOnly = await PreviewAsync(new { forward = new { url = "https://ads.example/pb?c={clickid}", types = new[] { "reg" } }, conversion = "c-1/ftd" });

        Assert.That(ftdOnly.StatusCode, Is.EqualTo(200), ftdOnly.Text);
        Assert.That(ftdOnly.Body!.Value.GetProperty("sample").GetBoolean(), Is.False);
        Assert.That(ftdOnly.Field("method"), Is.EqualTo("GET"));
        Assert.That(ftdOnly.Field("url"), Is.EqualTo("https://ads.example/pb?c=c-1&p=25.50&n=AffiliateWeb&s=gclid-9"), "the conversion's values and its click's");
        Assert.That(ftdOnly.Body!.Value.TryGetProperty("body", out _), Is.False, "a GET has no body");
        Assert.That(ftdOnly.Body!.Value.GetProperty("matches").GetBoolean(), Is.True);
        Assert.That(regOnly.Body!.Value.GetProperty("matches").GetBoolean(), Is.False);
        await AssertNothingSavedOrQueuedAsync();
    }

    [TestCase("""{"forward": {"url": "https://ads.example/pb?c={subid}"}}""", 400, "unknown-macro")]
    [TestCase("""{"forward": {"url": "ftp://ads.example/pb"}}""", 400, null)]
    [TestCase("""{"conversion": "c-1/ftd"}""", 400, "invalid-body")]
    [TestCase("""{"forward": {"url": "https://ads.example/pb", "colour": "red"}}""", 400, "invalid-body")]
    [TestCase("""not json""", 400, "invalid-body")]
    [TestCase("""{"forward": {"url": "https://ads.example/pb?c={clickid}"}, "conversion": "no-slash"}""", 400, "invalid-conversion")]
    [TestCase("""{"forward": {"url": "https://ads.example/pb?c={clickid}"}, "conversion": "c-9/ftd"}""", 404, "unknown-conversion")]
    public async Task Preview_BadRequest_IsRefusedWithThePutsReasonCodes(string json, int status, string? reason)
    {
        var answer = await trax.PostJsonAsync("/api/forwards/preview", json);

        Assert.That(answer.StatusCode, Is.EqualTo(status), answer.Text);
        if (reason is not null)
        {
            Assert.That(answer.Field("reason"), Is.EqualTo(reason));
        }

        await AssertNothingSavedOrQueuedAsync();
    }

    private Task<Answer> PreviewAsync(object body) => trax.PostJsonAsync("/api/forwards/preview", JsonSerializer.Serialize(body));

    private async Task AssertNothingSavedOrQueuedAsync()
    {
        Assert.That(await trax.Forwards.QueryAsync<TableEntity>().ToListAsync(), Is.Empty, "no forward saved");
        Assert.That(await trax.ReceiveForwardJobsAsync(), Is.Empty, "nothing queued to send");
    }
}
