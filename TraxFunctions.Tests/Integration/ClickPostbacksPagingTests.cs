using System.Text.Json;
using Trax.Clicks;

namespace Trax.Tests.Integration;

/// <summary>
/// <c>GET /api/conversions/postbacks</c> pages a flood of one click's postbacks: each answer holds at most <c>limit</c>
/// rows and a continuation token, and following the tokens yields every row once, newest first, across days.
/// </summary>
[Category("Integration")]
public sealed class ClickPostbacksPagingTests() : ClockedAppTests(Start)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 22, 0, 0, TimeSpan.Zero);

    [SetUp]
    public async Task SeedClickAsync() =>
        await trax.SeedClickAsync(new Click { ClickId = "c-1", ClickedAt = Start.AddHours(-1), Attributes = new() { Network = "AffiliateWeb" } });

    [Test]
    public async Task Postbacks_MoreRowsThanAPage_AnswersOnePageAndATokenAndTheTokensWalkEveryRowOnce()
    {
        var sent = await SeedAsync(refusals: 23);

        var first = await GetOkAsync("/api/conversions/postbacks?clickid=c-1&limit=7");
        Assert.That(first.GetProperty("items").GetArrayLength(), Is.EqualTo(7), "one page");
        Assert.That(first.GetProperty("count").GetInt32(), Is.EqualTo(7), "count is the page's rows, as in /api/postbacks");
        Assert.That(first.GetProperty("continuationToken").GetString(), Is.Not.Empty);

        var ids = new List<string>();
        var times = new List<DateTimeOffset>();
        var answer = first;
        for (var pages = 1; ; pages++)
        {
            Assert.That(answer.GetProperty("items").GetArrayLength(), Is.LessThanOrEqualTo(7));
            ids.AddRange(answer.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            times.AddRange(answer.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("receivedAt").GetDateTimeOffset()));
            if (answer.GetProperty("continuationToken").GetString() is not { } token)
            {
                break;
            }

            Assert.That(pages, Is.LessThan(20), "the tokens end");
            answer = await GetOkAsync("/api/conversions/postbacks?clickid=c-1&limit=7&continuationToken=" + Uri.EscapeDataString(token));
        }

        Assert.That(ids, Is.Unique, "no row twice");
        Assert.That(ids, Is.EquivalentTo(sent), "every row of the click, on both days");
        Assert.That(times, Is.Ordered.Descending, "newest first across pages and days");
    }

    [Test]
    public async Task Postbacks_WithoutLimit_AnswersAtMostTheDefaultPage()
    {
        await SeedAsync(refusals: 105);

        var answer = await GetOkAsync("/api/conversions/postbacks?clickid=c-1");

        Assert.That(answer.GetProperty("items").GetArrayLength(), Is.EqualTo(100));
        Assert.That(answer.GetProperty("continuationToken").ValueKind, Is.EqualTo(JsonValueKind.String));
    }

    [TestCase("clickid=c-1&continuationToken=not-a-token")]
    [TestCase("clickid=c-2&continuationToken={token}")]
    [TestCase("clickid=c-1&key=reg&continuationToken={token}")]
    [TestCase("clickid=c-1&limit=0")]
    public async Task Postbacks_TokenNotIssuedForThisQueryOrBadLimit_Is400(string query)
    {
        await SeedAsync(refusals: 3);
        var token = (await GetOkAsync("/api/conversions/postbacks?clickid=c-1&limit=2")).GetProperty("continuationToken").GetString()!;

        var answer = await trax.GetAsync("/api/conversions/postbacks?" + query.Replace("{token}", Uri.EscapeDataString(token)));

        Assert.That(answer.StatusCode, Is.EqualTo(400), answer.Text);
        Assert.That(answer.Field("reason"), Is.EqualTo(query.Contains("limit=0") ? "invalid-limit" : "invalid-continuation-token"));
    }

    /// <summary>An ftd, then <paramref name="refusals"/> refused ftds of the click spread over that day and the next (its log rows' ids).</summary>
    private async Task<List<string>> SeedAsync(int refusals)
    {
        var ids = new List<string>();
        var accepted = await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=c-1&network=AffiliateWeb");
        Assert.That(accepted.StatusCode, Is.EqualTo(200), accepted.Text);
        Assert.That(await trax.DrainAsync(), Is.EqualTo(1));
        ids.Add(accepted.Field("id")!);
        for (var i = 0; i < refusals; i++)
        {
            // Ten minutes apart from 22:00: the rows cross midnight into the next UTC day.
            clock.Advance(TimeSpan.FromMinutes(10));
            Assert.That((await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=c-1&payout=abc")).StatusCode, Is.EqualTo(400));
        }

        ids.AddRange((await trax.LogAsync()).Where(r => r.Outcome == "rejected").Select(r => r.PostbackId));
        Assert.That(ids, Has.Count.EqualTo(refusals + 1));
        return ids;
    }

    private async Task<JsonElement> GetOkAsync(string path)
    {
        var answer = await trax.GetAsync(path);
        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        return answer.Body!.Value;
    }
}
