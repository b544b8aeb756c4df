using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Trax.Tests.Integration;

/// <summary><c>/api/links</c> on Azurite, routed like the host routes it.</summary>
[Category("Integration")]
public sealed class LinksApiTests
{
    private const string SuperGame = """
        {"id": "SuperGame1", "destination": "https://network.example/track?aff=42&sub1={clickid}",
         "network": "AffiliateWeb", "program": "SuperGame1", "campaign": "november", "attributionWindowDays": 30}
        """;

    private FakeTimeProvider time = null!;
    private TraxApp trax = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        trax = await TraxApp.StartAsync(time: time);
    }

    [TearDown]
    public async Task TearDownAsync() => await trax.DisposeAsync();

    [Test]
    public async Task Links_CreateReadListReplaceDelete_RoundTrip()
    {
        var created = await Send("POST", "/api/links", SuperGame);
        var read = await Send("GET", "/api/links/supergame1");
        time.Advance(TimeSpan.FromHours(1));
        var replaced = await Send("PUT", "/api/links/supergame1", """
            {"destination": "https://network.example/v2?s={clickid}", "network": "AffiliateWeb", "program": "SuperGame2"}
            """);
        await Send("POST", "/api/links", """{"id": "other", "destination": "https://n.example/{clickid}", "network": "N", "program": "P"}""");
        var list = await Send("GET", "/api/links");
        var deleted = await Send("DELETE", "/api/links/SUPERGAME1");
        var gone = await Send("GET", "/api/links/supergame1");

        Assert.That(created.StatusCode, Is.EqualTo(201));
        Assert.That(created.Location, Is.EqualTo("/api/links/supergame1"));
        Assert.That(created.Field("status"), Is.EqualTo("created"));
        var link = created.Body!.Value.GetProperty("link");
        Assert.That(link.GetProperty("id").GetString(), Is.EqualTo("supergame1"));
        Assert.That(link.GetProperty("attributionWindowDays").GetInt32(), Is.EqualTo(30));
        Assert.That(link.GetProperty("enabled").GetBoolean(), Is.True);

        Assert.That(read.StatusCode, Is.EqualTo(200));
        Assert.That(read.Body!.Value.GetProperty("link").GetProperty("destination").GetString(),
            Is.EqualTo("https://network.example/track?aff=42&sub1={clickid}"));

        Assert.That(replaced.StatusCode, Is.EqualTo(200));
        Assert.That(replaced.Field("status"), Is.EqualTo("updated"));
        var after = replaced.Body!.Value.GetProperty("link");
        Assert.That(after.GetProperty("program").GetString(), Is.EqualTo("SuperGame2"));
        Assert.That(after.TryGetProperty("campaign", out _), Is.False, "PUT replaces the whole link");
        Assert.That(after.TryGetProperty("attributionWindowDays", out _), Is.False);
        Assert.That(after.GetProperty("createdAt").GetDateTimeOffset(), Is.EqualTo(link.GetProperty("createdAt").GetDateTimeOffset()));
        Assert.That(after.GetProperty("updatedAt").GetDateTimeOffset(), Is.EqualTo(time.GetUtcNow()));

        Assert.That(list.Body!.Value.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("id").GetString()),
            Is.EqualTo(new[] { "other", "supergame1" }));
        Assert.That(deleted.StatusCode, Is.EqualTo(200));
        Assert.That(deleted.Field("status"), Is.EqualTo("deleted"));
        Assert.That(gone.StatusCode, Is.EqualTo(404));
        Assert.That(gone.Field("reason"), Is.EqualTo("unknown-link"));
    }

    [Test]
    public async Task Links_PostAnIdThatExists_Answers409AndKeepsTheFirst()
    {
        await Send("POST", "/api/links", SuperGame);

        var again = await Send("POST", "/api/links", SuperGame.Replace("november", "december"));

        Assert.That(again.StatusCode, Is.EqualTo(409));
        Assert.That(again.Field("reason"), Is.EqualTo("link-exists"));
        Assert.That((await Send("GET", "/api/links/supergame1")).Body!.Value.GetProperty("link").GetProperty("campaign").GetString(),
            Is.EqualTo("november"));
    }

    [Test]
    public async Task Links_PutANewId_Creates()
    {
        var answer = await Send("PUT", "/api/links/fresh", """{"destination": "https://n.example/{clickid}", "network": "N", "program": "P"}""");

        Assert.That(answer.StatusCode, Is.EqualTo(201));
        Assert.That(answer.Field("status"), Is.EqualTo("created"));
        Assert.That((await Send("GET", "/api/links/fresh")).StatusCode, Is.EqualTo(200));
    }

    [TestCase("POST", "/api/links", "not json", "invalid-body")]
    [TestCase("POST", "/api/links", "", "invalid-body")]
    [TestCase("POST", "/api/links", "null", "invalid-body")]
    [TestCase("POST", "/api/links", "[]", "invalid-body")]
    [TestCase("POST", "/api/links", """{"id": "a", "destination": "https://n.example/{clickid}", "network": "N", "program": "P", "atributionWindowDays": 3}""", "invalid-body")]
    [TestCase("POST", "/api/links", """{"id": "a", "destination": "https://n.example/{clickid}", "network": "N", "program": "P", "attributionWindowDays": "3"}""", "invalid-body")]
    [TestCase("POST", "/api/links", """{"destination": "https://n.example/{clickid}", "network": "N", "program": "P"}""", "invalid-link-id")]
    [TestCase("POST", "/api/links", """{"id": "a", "destination": "https://n.example/?s=1", "network": "N", "program": "P"}""", "missing-placeholder")]
    [TestCase("POST", "/api/links", """{"id": "a", "destination": "/relative/{clickid}", "network": "N", "program": "P"}""", "invalid-destination")]
    [TestCase("POST", "/api/links", """{"id": "a", "destination": "https://n.example/{clickid}", "program": "P"}""", "missing-field")]
    [TestCase("POST", "/api/links", """{"id": "a", "destination": "https://n.example/{clickid}", "network": "N", "program": "P", "attributionWindowDays": 0}""", "invalid-attribution-window")]
    [TestCase("PUT", "/api/links/a", """{"id": "b", "destination": "https://n.example/{clickid}", "network": "N", "program": "P"}""", "link-id-mismatch")]
    [TestCase("GET", "/api/links/not.a.slug", null, "invalid-link-id")]
    public async Task Links_BadRequest_Answers400WithItsReasonAndStoresNothing(string method, string path, string? body, string reason)
    {
        var answer = await Send(method, path, body);

        Assert.That(answer.StatusCode, Is.EqualTo(400));
        Assert.That(answer.Field("status"), Is.EqualTo("rejected"));
        Assert.That(answer.Field("reason"), Is.EqualTo(reason));
        Assert.That(answer.Field("message"), Is.Not.Empty);
        Assert.That(await trax.Get<Trax.Links.LinkStore>().ListAsync(CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task Links_BodyOverTheLimit_Answers413()
    {
        var answer = await Send("POST", "/api/links", $$"""{"id": "a", "campaign": "{{new string('c', 17 * 1024)}}"}""");

        Assert.That(answer.StatusCode, Is.EqualTo(413));
        Assert.That(answer.Field("reason"), Is.EqualTo("body-too-large"));
    }

    [TestCase("PUT", "/api/links")]
    [TestCase("DELETE", "/api/links")]
    [TestCase("PATCH", "/api/links/supergame1")]
    public void Links_VerbWithoutAFunction_IsAnswered404ByTheHost(string method, string path) =>
        Assert.That(FunctionsMetadata.Shared.Route(method, path), Is.Null, "one function per verb: no function, no route");

    [TestCase("DELETE")]
    [TestCase("GET")]
    public async Task Links_UnknownId_Answers404(string method)
    {
        var answer = await Send(method, "/api/links/nosuchlink");

        Assert.That(answer.StatusCode, Is.EqualTo(404));
        Assert.That(answer.Field("reason"), Is.EqualTo("unknown-link"));
    }

    [Test]
    public async Task Links_StorageUnreachable_Answers503()
    {
        var nowhere = AzuriteServer.ConnectionStringFor([AzuriteServer.FreePort(), AzuriteServer.FreePort(), AzuriteServer.FreePort()]);
        await using var down = await TraxApp.StartAsync(nowhere, createResources: false);

        var answer = await down.SendAsync(HttpRequests.Json("POST", "/api/links", SuperGame));

        Assert.That(answer.StatusCode, Is.EqualTo(503));
        Assert.That(answer.Field("status"), Is.EqualTo("error"));
        Assert.That(answer.Field("reason"), Is.EqualTo("storage-unavailable"));
        Assert.That(answer.Headers.RetryAfter.ToString(), Is.EqualTo("30"));
    }

    [Test]
    public async Task Links_ConcurrentPuts_LeaveOneWholeLink()
    {
        await Send("POST", "/api/links", SuperGame);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Send("PUT", "/api/links/supergame1", JsonSerializer.Serialize(new
        {
            destination = $"https://network.example/v{i}?s={{clickid}}", network = $"N{i}", program = $"P{i}",
        }))));

        var link = (await trax.Get<Trax.Links.LinkStore>().FindAsync("supergame1", CancellationToken.None))!;
        var winner = link.Network[1..];
        Assert.That(answers.Select(a => a.StatusCode), Is.All.AnyOf(200, 409));
        Assert.That(answers.Count(a => a.StatusCode == 200), Is.GreaterThanOrEqualTo(1));
        Assert.That(link.Program, Is.EqualTo("P" + winner), "fields of one request, never a mix");
        Assert.That(link.Destination, Is.EqualTo($"https://network.example/v{winner}?s={{clickid}}"));
    }

    private Task<Answer> Send(string method, string path, string? json = null) =>
        trax.SendAsync(json is null ? HttpRequests.Create(method, path) : HttpRequests.Json(method, path, json));
}
