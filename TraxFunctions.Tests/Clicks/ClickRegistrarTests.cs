using Azure.Data.Tables;
using Moq;
using Trax.Clicks;

namespace Trax.Tests.Clicks;

/// <summary>What <c>/api/clicks</c> refuses before touching storage (no table is called).</summary>
public sealed class ClickRegistrarTests
{
    private UnitApp app = null!;

    [SetUp]
    public void SetUp() => app = UnitApp.Create();

    [TearDown]
    public void TearDown()
    {
        Assert.That(app.Clicks.Added, Is.Empty, "nothing was stored");
        app.Dispose();
    }

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
        var answer = await app.SendAsync(HttpRequests.Json("POST", "/api/clicks", body));

        Assert.That(answer.StatusCode, Is.EqualTo(status));
        Assert.That(answer.Field("status"), Is.EqualTo("rejected"));
        Assert.That(answer.Field("reason"), Is.EqualTo(reason));
    }

    [Test]
    public async Task Register_MoreThan100Clicks_IsRefusedWhole()
    {
        var body = "[" + string.Join(',', Enumerable.Range(0, ClickRejections.MaxBatch + 1).Select(i => $$"""{"clickId": "c-{{i}}"}""")) + "]";

        var answer = await app.SendAsync(HttpRequests.Json("POST", "/api/clicks", body));

        Assert.That(answer.StatusCode, Is.EqualTo(413));
        Assert.That(answer.Field("reason"), Is.EqualTo("batch-too-large"));
    }

    [Test]
    public async Task Register_ClickIdsTheSharedRuleRefuses_AreRefusedWithThePostbackReasons()
    {
        var body = $$"""[{"clickId": "{{new string('a', 129)}}"}, {"clickId": "a b"}, {"clickId": "[CLICK_ID]"}, {}]""";

        var answer = await app.SendAsync(HttpRequests.Json("POST", "/api/clicks", body));

        Assert.That(answer.StatusCode, Is.EqualTo(400));
        Assert.That(answer.Body!.Value.GetProperty("clicks").EnumerateArray().Select(r => r.GetProperty("reason").GetString()),
            Is.EqualTo(new[] { "invalid-clickid", "invalid-clickid", "unreplaced-macro", "missing-clickid" }));
        Assert.That(answer.Body!.Value.GetProperty("rejected").GetInt32(), Is.EqualTo(4));
    }

    [TestCase("1600-12-31T23:59:59Z")]
    [TestCase("0001-01-01T00:00:00Z")]
    [TestCase("1850-05-31T23:47:00Z")]
    [TestCase("1926-11-25T10:00:00Z")]
    [TestCase("1999-12-31T23:59:59Z")]
    [TestCase("2999-01-01T00:00:00Z")]
    public async Task Register_ClickedAtOutsideWhatCanBeStored_IsRefused(string clickedAt)
    {
        // Azure Table Storage holds dates from 1601, but no click is from before 2000 (a typo of the year, or a
        // day whose zone midnight falls between two quarter-hours); a click from the future is a broken clock.
        var answer = await app.SendAsync(HttpRequests.Json("POST", "/api/clicks", $$"""{"clickId": "old-1", "clickedAt": "{{clickedAt}}"}"""));

        Assert.That(answer.StatusCode, Is.EqualTo(400));
        Assert.That(answer.Body!.Value.GetProperty("clicks")[0].GetProperty("reason").GetString(), Is.EqualTo("invalid-clicked-at"));
        app.Clicks.Mock.Verify(t => t.AddEntityAsync(It.IsAny<ITableEntity>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
