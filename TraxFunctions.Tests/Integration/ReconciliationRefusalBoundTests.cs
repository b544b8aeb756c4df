using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using Trax.Core;
using Trax.PostbackLog;

namespace Trax.Tests.Integration;

/// <summary>
/// A reconciliation under a flood of refused postbacks (a bot or a broken template firing thousands a day): its read
/// of the log's refused rows stops at <c>Trax:Reconciliation:RefusalReadCap</c> rows, an eighth a shard (storage
/// requests counted), and the summary says the refusals it explains from are then some, not all.
/// </summary>
[Category("Integration")]
public sealed class ReconciliationRefusalBoundTests
{
    private const int Cap = 8_000;
    private static readonly DateTimeOffset FloodDay = new(2026, 11, 10, 12, 0, 0, TimeSpan.Zero);
    private TraxApp trax = null!;

    [SetUp]
    public async Task SetUpAsync() => trax = await TraxApp.StartAsync(
        time: new FakeTimeProvider(new DateTimeOffset(2026, 12, 10, 0, 0, 0, TimeSpan.Zero)),
        settings: new Dictionary<string, string?> { ["Trax:Reconciliation:RefusalReadCap"] = Cap.ToString(CultureInfo.InvariantCulture) });

    [TearDown]
    public async Task TearDownAsync() => await trax.DisposeAsync();

    [Test]
    public async Task Reconcile_MoreRefusalsThanTheCap_ReadsABoundedNumberAndSaysTheRefusalsAreIncomplete()
    {
        // One refusal of an export row on the 5th; 12,000 of nobody's (1,500 a shard, more than a page) on the 10th.
        var earlier = Refusal("refused-c-1", new DateTimeOffset(2026, 11, 5, 9, 0, 0, TimeSpan.Zero), "invalid-token", "c-1");
        await SeedAsync([earlier, .. Enumerable.Range(0, Cap + 4_000).Select(i =>
            Refusal($"flood-{i.ToString(CultureInfo.InvariantCulture)}", FloodDay.AddMilliseconds(-i), "missing-clickid", clickId: null))]);
        var csv = "clickid,type\r\nc-1,ftd\r\nc-2,ftd\r\n";

        trax.Requests.Reset();
        var answer = await trax.SendAsync(HttpRequests.Create(
            "POST", "/api/reconciliations?network=AffiliateWeb&from=2026-11-01&to=2026-11-30&tz=UTC&clickid=clickid&type=type", csv, "text/csv"));

        Assert.That(answer.StatusCode, Is.EqualTo(201), answer.Text);
        var summary = answer.Body!.Value;
        Assert.That(summary.GetProperty("refusalsComplete").GetBoolean(), Is.False, "the refusals read are some of them: a never-arrived may be refused");
        Assert.That(summary.GetProperty("refusalReasons").GetProperty("invalid-token").GetInt32(), Is.EqualTo(1));
        Assert.That(summary.GetProperty("reasons").GetProperty("never-arrived").GetInt32(), Is.EqualTo(1));

        // 29 October to 3 December is 36 UTC days: the day index reads each day's 8 partitions. The refusals' walk
        // reads each shard's days in order, one query a day, until the flood day's share (1,000 and one more to know):
        // 12 days before it, then two pages there (a page of 1,000, then one row), or one for the shard that already
        // holds c-1's refusal. Unbounded, it was every day's partitions and a second page for each flooded one: 584.
        var logQueries = trax.RequestsByKind().Where(r => r.Request.Resource == "PostbackLog").ToList();
        Assert.That(logQueries.Select(r => r.Request.Operation).Distinct(), Is.EqualTo(new[] { "query" }));
        Assert.That(logQueries.Sum(r => r.Count), Is.EqualTo((8 * 36) + (8 * 12) + (7 * 2) + 1), string.Join("; ", logQueries));
    }

    [Test]
    public async Task Reconcile_RefusalsBelowTheCap_ExplainsFromAllOfThemAndSaysSo()
    {
        await SeedAsync([
            Refusal("refused-c-1", new DateTimeOffset(2026, 11, 5, 9, 0, 0, TimeSpan.Zero), "invalid-token", "c-1"),
            Refusal("refused-c-2", new DateTimeOffset(2026, 10, 29, 0, 0, 1, TimeSpan.Zero), "ip-not-allowed", "c-2"),
        ]);
        var csv = "clickid,type\r\nc-1,ftd\r\nc-2,ftd\r\nc-3,ftd\r\n";

        var answer = await trax.SendAsync(HttpRequests.Create(
            "POST", "/api/reconciliations?network=AffiliateWeb&from=2026-11-01&to=2026-11-30&tz=UTC&clickid=clickid&type=type", csv, "text/csv"));

        Assert.That(answer.StatusCode, Is.EqualTo(201), answer.Text);
        var summary = answer.Body!.Value;
        Assert.That(summary.GetProperty("refusalsComplete").GetBoolean(), Is.True);
        Assert.That(summary.GetProperty("refusalReasons").ToString(), Is.EqualTo("""{"invalid-token":1,"ip-not-allowed":1}"""));
        Assert.That(summary.GetProperty("reasons").ToString(), Is.EqualTo("""{"never-arrived":1,"refused":2}"""));
    }

    private static PostbackLogEntity Refusal(string id, DateTimeOffset at, string reason, string? clickId) => PostbackLogEntity.From(new PostbackLogEntry
    {
        PostbackId = id,
        ReceivedAt = at,
        Type = "ftd",
        Outcome = PostbackOutcomes.Rejected,
        Reason = reason,
        HttpStatus = 400,
        ClickId = clickId,
        Network = "AffiliateWeb",
        Source = new PostbackSource("GET", $"clickid={clickId}&network=AffiliateWeb"),
    });

    private async Task SeedAsync(IEnumerable<PostbackLogEntity> rows)
    {
        foreach (var partition in rows.GroupBy(r => r.PartitionKey))
        {
            foreach (var batch in partition.Chunk(100))
            {
                await trax.PostbackLog.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)));
            }
        }
    }
}
