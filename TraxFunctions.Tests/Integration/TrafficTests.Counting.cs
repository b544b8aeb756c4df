using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Trax.Clicks;

namespace Trax.Tests.Integration;

/// <summary>How a click is counted: its insert and its count sent together from /go, each fault on the way leaving it counted once, and a recount of clicks stored but not counted.</summary>
public sealed partial class TrafficTests
{
    [Test]
    public async Task Go_Click_IsOneClickInsertAndOneTrafficTransactionSentTogether()
    {
        trax.Requests.Reset();

        await trax.VisitAsync("/go/supergame1?source=news");

        Assert.That(trax.RequestsByKind().Select(r => $"{r.Request.Operation} {r.Count}").Order(),
            Is.EqualTo(new[] { "insert 1", "transaction 1" }), "the click and its count (row and hour marker); the link came from the cache");
    }

    [Test]
    public async Task Go_ClickInsertAndCount_AreInFlightTogether()
    {
        // Each of the two writes is held until the other has been sent: written one after the other, the first would
        // wait out its budget, the click would be lost, and the visitor would carry an id that was never stored.
        var barrier = new InFlightBarrier();
        await using var held = await TraxApp.StartAsync(
            settings: new Dictionary<string, string?> { ["Trax:RedirectStorageTimeoutMilliseconds"] = "10000" },
            configureServices: s => s.AddSingleton<Azure.Core.Pipeline.HttpPipelinePolicy>(barrier));
        await held.CreateLinkAsync(Link);
        barrier.Arm(held.Options.ClicksTable, held.Options.TrafficTable);

        var answer = await held.SendAsync(HttpRequests.Visit("/go/supergame1"));

        Assert.That(barrier.Met, Is.True, "both requests were sent before either was answered");
        Assert.That((await held.ClicksAsync()).Single().ClickId, Is.EqualTo(answer.QueryValue("sub1")));
        Assert.That(held.Counted("trax.clicks.lost"), Is.Zero);
    }

    /// <summary>Holds a request to each of two tables until a request to the other one has been sent (at most 5 s).</summary>
    private sealed class InFlightBarrier : Azure.Core.Pipeline.HttpPipelinePolicy
    {
        private readonly TaskCompletionSource first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource second = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private string? a;
        private string? b;

        private volatile bool timedOut;

        /// <summary>Both were sent, and neither had to wait out its deadline for the other.</summary>
        public bool Met => first.Task.IsCompleted && second.Task.IsCompleted && !timedOut;

        public void Arm(string tableA, string tableB) => (a, b) = (tableA, tableB);

        public override void Process(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline) =>
            ProcessNext(message, pipeline);

        public override async ValueTask ProcessAsync(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline)
        {
            var path = message.Request.Uri.Path;
            var (mine, other) = a is not null && (path.Contains("/" + a, StringComparison.Ordinal) && message.Request.Method == Azure.Core.RequestMethod.Post)
                ? (first, second)
                : b is not null && path.Contains("/$batch", StringComparison.Ordinal) ? (second, first) : (null, null);
            if (mine is not null)
            {
                mine.TrySetResult();
                if (await Task.WhenAny(other!.Task, Task.Delay(TimeSpan.FromSeconds(5))) != other.Task)
                {
                    timedOut = true;
                }
            }

            await ProcessNextAsync(message, pipeline);
        }
    }

    [Test]
    public async Task Go_ClickInsertOutlastsItsBudgetWhileTheCountLands_TakesTheCountBack()
    {
        // The click insert is never answered within the redirect's budget (the commonest way a click is lost) while
        // its count lands: the count of a click that was not stored must be taken back, as after any other fault.
        await using var slow = await TraxApp.StartAsync(settings: new Dictionary<string, string?> { ["Trax:RedirectStorageTimeoutMilliseconds"] = "300" });
        await slow.CreateLinkAsync(Link);
        var insert = slow.Faults.Hold(StorageFaults.Table(slow.Options.ClicksTable, "insert"));

        var answer = await slow.SendAsync(HttpRequests.Visit("/go/supergame1"));

        Assert.That(answer.StatusCode, Is.EqualTo(302));
        Assert.That((insert.Reached.IsCompleted, slow.Counted("trax.clicks.lost")), Is.EqualTo((true, 1L)), "the click insert was held until its budget ran out");
        Assert.That(await slow.ClicksAsync(), Is.Empty);
        Assert.That(slow.Traffic.Query<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {ClickDayKeys.ClickPrefix} and RowKey lt {ClickDayKeys.ClicksEnd}")).Count(),
            Is.Zero, "no click was stored, so none may be counted");
    }

    [Test]
    public async Task Go_ClickInsertAppliedButItsAnswerLostAndRetried_IsOneClickCountedOnceEvenAfterARecount()
    {
        // The click insert lands, the connection drops, the SDK's retry meets the click it just wrote (409): that is
        // this visit's click, not someone else's id, so it must not be stored again under a new id and counted twice.
        trax.Faults.Fail(StorageFaults.Table(trax.Options.ClicksTable, "insert"), InjectedFault.LostResponseRetried);

        var id = await trax.VisitAsync("/go/supergame1?source=news");
        var recount = await trax.SendAsync(HttpRequests.Create("POST", "/api/reports/traffic/recount"));

        Assert.That(trax.Faults.Injected.Select(f => f.Fault), Is.EqualTo(new[] { InjectedFault.LostResponseRetried }));
        Assert.That((await trax.ClicksAsync()).Select(c => c.ClickId), Is.EqualTo(new[] { id }), "one visit, one click");
        Assert.That(recount.Body!.Value.GetProperty("counted").GetInt64(), Is.Zero, "the visit's click was counted by the visit");
        Assert.That((await ReportAsync("groupBy=source")).GetProperty("totals").GetProperty("clicks").GetInt64(), Is.EqualTo(1));
    }

    [Test]
    public async Task Recount_ClicksStoredButNotCounted_CountsThemOncePageByPage()
    {
        await trax.SeedClickAsync(new Click { ClickId = "old-1", ClickedAt = Start, Attributes = new() { LinkId = "supergame1", Source = "news" }, Cost = 1m });
        await trax.SeedClickAsync(new Click { ClickId = "old-2", ClickedAt = Start, Attributes = new() { LinkId = "supergame1", Source = "news" } });
        await trax.VisitAsync("/go/supergame1?source=news");

        var counted = 0L;
        string? token = null;
        var pages = 0;
        do
        {
            var page = await trax.SendAsync(HttpRequests.Create("POST", "/api/reports/traffic/recount?limit=1" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token))));
            Assert.That(page.StatusCode, Is.EqualTo(200), page.Text);
            counted += page.Body!.Value.GetProperty("counted").GetInt64();
            token = page.Body!.Value.GetProperty("continuationToken").GetString();
            pages++;
        }
        while (token is not null && pages < 10);
        var again = await trax.SendAsync(HttpRequests.Create("POST", "/api/reports/traffic/recount"));

        Assert.That(counted, Is.EqualTo(2), "the two seeded clicks; the redirect's was counted already");
        Assert.That(again.Body!.Value.GetProperty("counted").GetInt64(), Is.Zero);
        var totals = (await ReportAsync("groupBy=source")).GetProperty("totals");
        Assert.That((totals.GetProperty("clicks").GetInt64(), totals.GetProperty("cost").GetDecimal()), Is.EqualTo((3L, 1m)));
        Assert.That((await trax.SendAsync(HttpRequests.Create("POST", "/api/reports/traffic/recount?continuationToken=abc"))).StatusCode, Is.EqualTo(400));
    }
}
