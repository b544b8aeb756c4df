using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Trax.Clicks;
using Trax.Conversions;
using Trax.Links;
using Trax.Storage;
using Trax.Tests.Support;

namespace Trax.Tests.Clicks;

/// <summary>What <c>/api/clicks</c> refuses before touching storage (the tables are strict mocks: any call fails).</summary>
public sealed class ClickRegistrarTests
{
    [TestCase("not json", 400, "invalid-body")]
    [TestCase("", 400, "invalid-body")]
    [TestCase("null", 400, "invalid-body")]
    [TestCase("\"c-1\"", 400, "invalid-body")]
    [TestCase("[null]", 400, "invalid-body")]
    [TestCase("""{"clickId": 42}""", 400, "invalid-body")]
    [TestCase("""{"clickId": "c-1", "clickedAt": "yesterday"}""", 400, "invalid-body")]
    [TestCase("[]", 400, "empty-batch")]
    public async Task Register_UnusableBody_IsRefusedWholeWithoutAStorageCall(string body, int status, string reason)
    {
        var request = HttpRequests.Json("POST", "/api/clicks", body);

        var answer = await HttpRequests.ExecuteAsync(await Registrar().HandleAsync(request, CancellationToken.None), request);

        Assert.That(answer.StatusCode, Is.EqualTo(status));
        Assert.That(answer.Field("status"), Is.EqualTo("rejected"));
        Assert.That(answer.Field("reason"), Is.EqualTo(reason));
    }

    [Test]
    public async Task Register_MoreThan100Clicks_IsRefusedWhole()
    {
        var body = "[" + string.Join(',', Enumerable.Range(0, ClickRejections.MaxBatch + 1).Select(i => $$"""{"clickId": "c-{{i}}"}""")) + "]";
        var request = HttpRequests.Json("POST", "/api/clicks", body);

        var answer = await HttpRequests.ExecuteAsync(await Registrar().HandleAsync(request, CancellationToken.None), request);

        Assert.That(answer.StatusCode, Is.EqualTo(413));
        Assert.That(answer.Field("reason"), Is.EqualTo("batch-too-large"));
    }

    [Test]
    public async Task Register_ClickIdsTheValidatorRefuses_AreRefusedWithThePostbackReasons()
    {
        var body = $$"""[{"clickId": "{{new string('a', 129)}}"}, {"clickId": "a b"}, {"clickId": "[CLICK_ID]"}, {}]""";
        var request = HttpRequests.Json("POST", "/api/clicks", body);

        var answer = await HttpRequests.ExecuteAsync(await Registrar().HandleAsync(request, CancellationToken.None), request);

        Assert.That(answer.StatusCode, Is.EqualTo(400));
        Assert.That(answer.Body!.Value.GetProperty("clicks").EnumerateArray().Select(r => r.GetProperty("reason").GetString()),
            Is.EqualTo(new[] { "invalid-clickid", "invalid-clickid", "unreplaced-macro", "missing-clickid" }));
        Assert.That(answer.Body!.Value.GetProperty("rejected").GetInt32(), Is.EqualTo(4));
    }

    private static ClickRegistrar Registrar()
    {
        var options = Options.Create(new TraxOptions());
        var tables = new TraxTables(new Mock<TableClient>(MockBehavior.Strict).Object, new Mock<TableClient>(MockBehavior.Strict).Object, new Mock<TableClient>(MockBehavior.Strict).Object);
        return new ClickRegistrar(
            tables,
            new LinkCache(new LinkStore(new Mock<TableClient>(MockBehavior.Strict).Object), TimeProvider.System, options),
            new OrphanReattributor(tables, new RecordingLog().Writer(), TimeProvider.System, NullLogger<OrphanReattributor>.Instance),
            new IpPrivacy(options),
            TimeProvider.System,
            options,
            NullLogger<ClickRegistrar>.Instance);
    }
}
