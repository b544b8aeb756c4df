using System.Text.Json;

namespace Trax.Tests.Integration;

/// <summary><c>GET /api/conversions/postbacks</c> and <c>/api/conversions/deliveries</c>: a click's log rows and a conversion's attempts.</summary>
public sealed partial class ConversionSearchApiTests
{
    [Test]
    public async Task Postbacks_ClickId_ListsAcceptedUpdatedDuplicateAndRefusedRowsNewestFirst()
    {
        await PostAsync("ftd?clickid=c-1&network=AffiliateWeb&payout=5&currency=EUR");
        clock.Advance(TimeSpan.FromMinutes(1));
        await PostAsync("ftd?clickid=c-1&network=AffiliateWeb&payout=5&currency=EUR");
        clock.Advance(TimeSpan.FromDays(1));
        await PostAsync("ftd?clickid=c-1&network=AffiliateWeb&status=rejected");
        Assert.That((await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=c-1&payout=abc")).StatusCode, Is.EqualTo(400));
        clock.Advance(TimeSpan.FromSeconds(1));
        await PostAsync("reg?clickid=c-1");
        await PostAsync("ftd?clickid=c-other");

        var all = await GetOkAsync("/api/conversions/postbacks?clickid=c-1");
        var ftd = await GetOkAsync("/api/conversions/postbacks?clickid=c-1&key=ftd");
        var firstDay = await GetOkAsync($"/api/conversions/postbacks?clickid=c-1&from={Day1}&to={Day1}");

        Assert.That(Outcomes(all), Is.EqualTo(new[] { "created", "rejected", "updated", "duplicate", "created" }), "newest first; the other click's row is not there");
        Assert.That(all.GetProperty("from").GetString(), Is.EqualTo(Day1), "from the click's first conversion");
        Assert.That(all.GetProperty("to").GetString(), Is.EqualTo(Day2), "to today");
        Assert.That(all.GetProperty("items")[1].GetProperty("reason").GetString(), Is.EqualTo("invalid-payout"));
        Assert.That(all.GetProperty("items")[1].GetProperty("query").GetString(), Does.Contain("payout=abc"), "in the shape of /api/postbacks");
        Assert.That(Outcomes(ftd), Is.EqualTo(new[] { "rejected", "updated", "duplicate", "created" }), "the ftd's rows and the refused ftd");
        Assert.That(Outcomes(firstDay), Is.EqualTo(new[] { "duplicate", "created" }));
    }

    [Test]
    public async Task Postbacks_ClickWithoutConversion_ReadsTheLastWeekInEightQueriesADay()
    {
        Assert.That((await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=c-9&payout=abc")).StatusCode, Is.EqualTo(400));
        trax.Requests.Reset();

        var answer = await GetOkAsync("/api/conversions/postbacks?clickid=c-9");

        Assert.That(Outcomes(answer), Is.EqualTo(new[] { "rejected" }));
        Assert.That(answer.GetProperty("from").GetString(), Is.EqualTo("2026-11-19"));
        var requests = trax.Requests.Snapshot();
        Assert.That(requests.Where(r => r.Key.Operation == "query").Sum(r => r.Value), Is.EqualTo(1 + 7 * 8), "the click's conversions, then 8 shards for each of 7 days");
        Assert.That(trax.Requests.Total, Is.EqualTo(1 + 7 * 8));
    }

    [TestCase("", "missing-clickid")]
    [TestCase("clickid=a%C3%A9b", "invalid-clickid")]
    [TestCase("clickid=c-1&key=ftd/x", "invalid-key")]
    [TestCase("clickid=c-1&from=2026-11-25", "missing-parameter")]
    [TestCase("clickid=c-1&from=2026-10-01&to=2026-11-25", "range-too-long")]
    [TestCase("clickid=c-1&from=2026-11-25&to=2026-11-24", "invalid-range")]
    public async Task Postbacks_BadInput_Is400WithItsReason(string query, string reason)
    {
        var answer = await trax.GetAsync("/api/conversions/postbacks?" + query);

        Assert.That(answer.StatusCode, Is.EqualTo(400), answer.Text);
        Assert.That(answer.Field("reason"), Is.EqualTo(reason));
    }

    [Test]
    public async Task Deliveries_Conversion_ListsEveryAttemptAcrossForwardsAndNoOtherConversions()
    {
        await using var receiver = await ForwardReceiver.StartAsync();
        await PutForwardAsync("ads", receiver.BaseUrl + "/ads?c={clickid}&s={status}");
        await PutForwardAsync("crm", receiver.BaseUrl + "/crm?c={clickid}");
        receiver.AnswerNext(500);
        await PostAsync("ftd?clickid=c-1&network=AffiliateWeb");
        await trax.DeliverForwardsAsync();
        await PostAsync("reg?clickid=c-1");
        await trax.DeliverForwardsAsync();

        var answer = await GetOkAsync("/api/conversions/deliveries?conversion=c-1/ftd");

        var items = answer.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items.Select(i => i.GetProperty("conversionId").GetString()).Distinct(), Is.EqualTo(new[] { "c-1/ftd" }));
        Assert.That(items.Select(i => i.GetProperty("forwardId").GetString()).Distinct().Order(), Is.EqualTo(new[] { "ads", "crm" }));
        Assert.That(items.Count(i => i.GetProperty("outcome").GetString() == "delivered"), Is.EqualTo(2), "each forward delivered it once");
        Assert.That(items, Has.Count.EqualTo(3), "and the first attempt that met a 500");
        Assert.That(items.Select(i => i.GetProperty("at").GetDateTimeOffset()), Is.Ordered.Descending);
        Assert.That(answer.GetProperty("forwards").GetInt32(), Is.EqualTo(2));
        Assert.That(answer.GetProperty("from").GetString(), Is.EqualTo(Day1));
    }

    [TestCase("", 400, "missing-parameter")]
    [TestCase("conversion=no-slash", 400, "invalid-conversion")]
    [TestCase("conversion=c-9/ftd", 404, "unknown-conversion")]
    [TestCase("conversion=c-1/ftd&from=2026-11-25&to=2027-01-25", 400, "range-too-long")]
    public async Task Deliveries_BadInput_IsRefusedWithItsReason(string query, int status, string reason)
    {
        var answer = await trax.GetAsync("/api/conversions/deliveries?" + query);

        Assert.That(answer.StatusCode, Is.EqualTo(status), answer.Text);
        Assert.That(answer.Field("reason"), Is.EqualTo(reason));
    }

    private async Task PutForwardAsync(string id, string url)
    {
        var answer = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/" + id, JsonSerializer.Serialize(new { url })));
        Assert.That(answer.StatusCode, Is.AnyOf(200, 201), answer.Text);
    }

    private static string[] Outcomes(JsonElement answer) => [.. answer.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("outcome").GetString()!)];
}
