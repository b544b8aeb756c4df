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

    /// <summary>
    /// A forward saved before a macro was dropped from the list (here written into its row directly) is previewed as the
    /// console previews it, from the saved fields: 400 <c>unknown-macro</c> naming it, as a PUT of it would be, not 500.
    /// </summary>
    [TestCase("Url", "https://ads.example/pb?c={clickid}&old={subid}")]
    [TestCase("Body", "c={clickid}&old={subid}")]
    public async Task Preview_SavedForwardHoldingAMacroTraxNoLongerKnows_IsRefused400NamingIt(string column, string template)
    {
        var put = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/ads",
            JsonSerializer.Serialize(new { url = "https://ads.example/pb?c={clickid}", method = "POST", body = "c={clickid}" })));
        Assert.That(put.StatusCode, Is.EqualTo(201), put.Text);
        var row = (await trax.Forwards.QueryAsync<TableEntity>().ToListAsync()).Single();
        row[column] = template;
        await trax.Forwards.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        var saved = await trax.GetAsync("/api/forwards/ads");
        Assert.That(saved.StatusCode, Is.EqualTo(200), saved.Text);

        var forward = saved.Body!.Value.GetProperty("forward");
        Assert.That(forward.GetProperty(column.ToLowerInvariant()).GetString(), Is.EqualTo(template), "the API shows the row as stored");

        var answer = await PreviewAsync(new { forward = new { url = forward.GetProperty("url").GetString(), method = "POST", body = forward.GetProperty("body").GetString() } });

        Assert.That((answer.StatusCode, answer.Field("reason")), Is.EqualTo((400, "unknown-macro")), answer.Text);
        Assert.That(answer.Field("message"), Does.StartWith("{subid} is not a macro Trax fills."));
    }

    private Task<Answer> PreviewAsync(object body) => trax.PostJsonAsync("/api/forwards/preview", JsonSerializer.Serialize(body));

    private async Task AssertNothingSavedOrQueuedAsync()
    {
        Assert.That(await trax.Forwards.QueryAsync<TableEntity>().ToListAsync(), Is.Empty, "no forward saved");
        Assert.That(await trax.ReceiveForwardJobsAsync(), Is.Empty, "nothing queued to send");
    }
}
