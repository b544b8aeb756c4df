using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using Trax.Core;
using Trax.Overview;
using Trax.PostbackLog;

namespace Trax.Tests.Integration;

/// <summary>
/// <c>GET /api/overview</c> under a flood of refused postbacks: its count of refusals reads at most
/// <see cref="OverviewSummary.RefusalReadCap"/> log rows (storage requests counted), is exact below that, and says it
/// is a lower bound ("at least") above it instead of showing a number that looks exact.
/// </summary>
[Category("Integration")]
public sealed class OverviewRefusalBoundTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private TraxApp trax = null!;

    [SetUp]
    public async Task SetUpAsync() => trax = await TraxApp.StartAsync(time: new FakeTimeProvider(Noon));

    [TearDown]
    public async Task TearDownAsync() => await trax.DisposeAsync();

    [Test]
    public async Task Overview_MoreRefusalsThanTheCap_SaysAtLeastAndReadsABoundedNumberOfRows()
    {
        var flood = OverviewSummary.RefusalReadCap + 2_000;
        await SeedRefusalsAsync(flood, "unreplaced-macro");
        var rejected = (await OverviewAsync("from=2026-11-25&to=2026-11-25")).GetProperty("rejectedPostbacks");

        // The refusals' read alone (the overview also runs the report): its storage requests, counted.
        trax.Requests.Reset();
        var (reasons, complete) = await trax.Get<PostbackLogStore>().ReadRefusalReasonsAsync(
            Noon.AddHours(-12), Noon.AddHours(12), OverviewSummary.RefusalReadCap / PostbackLogKeys.LogShards, CancellationToken.None);
        // 8 shards of one day, each reading a page of at most 1,000 rows at a time up to its share (1,250, and one more).
        Assert.That(trax.Requests.Total, Is.EqualTo(8 * 2), string.Join("; ", trax.RequestsByKind()));
        Assert.That(reasons, Has.Count.EqualTo(OverviewSummary.RefusalReadCap));
        Assert.That(complete, Is.False);
        Assert.That(rejected.GetProperty("complete").GetBoolean(), Is.False, "the count is a lower bound");
        var total = rejected.GetProperty("total").GetInt64();
        Assert.That(total, Is.EqualTo(OverviewSummary.RefusalReadCap), "each shard read its share: a lower bound, never more than there are");
        Assert.That(rejected.GetProperty("byReason")[0].GetProperty("count").GetInt64(), Is.EqualTo(total));
    }

    [Test]
    public async Task Overview_RefusalsBelowTheCapOverTwoDays_CountsThemExactlyAndSaysSo()
    {
        await SeedRefusalsAsync(900, "invalid-payout");
        await SeedRefusalsAsync(300, "missing-clickid", Noon.AddDays(-1));
        await SeedRefusalsAsync(5, "missing-clickid", Noon.AddDays(-2));

        var rejected = (await OverviewAsync("from=2026-11-24&to=2026-11-25")).GetProperty("rejectedPostbacks");

        Assert.That(rejected.GetProperty("complete").GetBoolean(), Is.True);
        Assert.That(rejected.GetProperty("total").GetInt64(), Is.EqualTo(1_200));
        Assert.That(rejected.GetProperty("byReason").EnumerateArray().Select(r => $"{r.GetProperty("reason").GetString()}={r.GetProperty("count").GetInt64()}"),
            Is.EqualTo(new[] { "invalid-payout=900", "missing-clickid=300" }));
    }

    [Test]
    public async Task Overview_ZoneDayAcrossTwoUtcDays_CountsOnlyTheRefusalsInsideTheZonesDay()
    {
        // Tokyo's 2026-11-25 is 2026-11-24T15:00Z to 2026-11-25T15:00Z: noon UTC is inside, 16:00 UTC is not.
        await SeedRefusalsAsync(7, "invalid-payout");
        await SeedRefusalsAsync(4, "invalid-payout", Noon.AddHours(4));

        var rejected = (await OverviewAsync("from=2026-11-25&to=2026-11-25&tz=Asia%2FTokyo")).GetProperty("rejectedPostbacks");

        Assert.That(rejected.GetProperty("total").GetInt64(), Is.EqualTo(7));
        Assert.That(rejected.GetProperty("complete").GetBoolean(), Is.True);
    }

    /// <summary>Refused postbacks' log rows as intake writes them, a second apart back from <paramref name="at"/>, stored in batches.</summary>
    private async Task SeedRefusalsAsync(int count, string reason, DateTimeOffset? at = null)
    {
        var rows = Enumerable.Range(0, count).Select(i => PostbackLogEntity.From(new PostbackLogEntry
        {
            PostbackId = $"{reason}-{(at ?? Noon).DayOfYear}-{i.ToString(CultureInfo.InvariantCulture)}",
            ReceivedAt = (at ?? Noon).AddMilliseconds(-i),
            Type = "ftd",
            Outcome = PostbackOutcomes.Rejected,
            Reason = reason,
            HttpStatus = 400,
        }));
        foreach (var partition in rows.GroupBy(r => r.PartitionKey))
        {
            foreach (var batch in partition.Chunk(100))
            {
                await trax.PostbackLog.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)));
            }
        }
    }

    private async Task<JsonElement> OverviewAsync(string query)
    {
        var answer = await trax.GetAsync("/api/overview?" + query);
        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        return answer.Body!.Value;
    }
}
