using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using Trax.Clicks;

namespace Trax.Tests.Integration;

/// <summary>
/// <c>/go</c>'s storage budget (<c>Trax:RedirectStorageTimeoutMilliseconds</c>, 2,000) is one budget for the whole
/// redirect, on the app's clock: storage that hangs holds a visitor at most that long, not that long per call. The
/// held requests are the fault harness's gates; the clock is a fake one, so nothing here waits on wall-clock time.
/// </summary>
[Category("Integration")]
public sealed class RedirectBudgetTests
{
    private const string Link = """{"id": "supergame1", "destination": "https://network.example/track?sub1={clickid}", "network": "AffiliateWeb", "program": "SuperGame1"}""";
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 7, 0, TimeSpan.Zero);

    private FakeTimeProvider clock = null!;
    private TraxApp trax = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        clock = new FakeTimeProvider(Start);
        trax = await TraxApp.StartAsync(time: clock);
        await trax.CreateLinkAsync(Link);

        // Past the cache time: the redirect reads the link again (and has a copy should that read fail).
        clock.Advance(TimeSpan.FromSeconds(trax.Options.LinkCacheSeconds + 1));
    }

    [TearDown]
    public async Task TearDownAsync() => await trax.DisposeAsync();

    [Test]
    public async Task Go_LinkReadSlowThenClickInsertHangs_InsertGetsOnlyWhatIsLeftOfTheBudget()
    {
        var read = trax.Faults.Hold(StorageFaults.Table(trax.Options.LinksTable, "point read"));
        var insert = trax.Faults.Hold(StorageFaults.Table(trax.Options.ClicksTable, "insert"));

        var visit = trax.SendAsync(HttpRequests.Visit("/go/supergame1"));
        await read.Reached;
        clock.Advance(TimeSpan.FromMilliseconds(1500));
        read.Release();
        await insert.Reached;
        clock.Advance(TimeSpan.FromMilliseconds(499));
        var givenUpEarly = insert.GaveUp.IsCompleted;
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var givenUpAtTheBudget = insert.GaveUp.IsCompleted;
        var answer = await visit;

        Assert.That((givenUpEarly, givenUpAtTheBudget), Is.EqualTo((false, true)),
            "the click insert is given up 2,000 ms after the request began (1,500 of them spent reading the link), not 2,000 ms after it was sent");
        Assert.That(answer.StatusCode, Is.EqualTo(302), "the visitor is redirected anyway");
        Assert.That(trax.Counted("trax.clicks.lost"), Is.EqualTo(1));
        Assert.That(await trax.ClicksAsync(), Is.Empty);

        // Whether the count beside the insert was answered before the budget ran out is a race with Azurite here; the
        // take-back of one that was is TrafficTests.Go_ClickInsertOutlastsItsBudgetWhileTheCountLands_TakesTheCountBack.
    }

    [Test]
    public async Task Go_LinkReadHangsForTheWholeBudget_RedirectsWithTheCopyAndTheClickIsLost()
    {
        var read = trax.Faults.Hold(StorageFaults.Table(trax.Options.LinksTable, "point read"));

        var visit = trax.SendAsync(HttpRequests.Visit("/go/supergame1"));
        await read.Reached;
        clock.Advance(TimeSpan.FromMilliseconds(2000));
        var answer = await visit;

        Assert.That(read.GaveUp.IsCompleted, Is.True);
        Assert.That(answer.StatusCode, Is.EqualTo(302), "the older copy of the link is used");
        Assert.That(trax.Counted("trax.clicks.lost"), Is.EqualTo(1), "no budget is left for the click");
        Assert.That(await trax.ClicksAsync(), Is.Empty);
        Assert.That(CountedClicks(), Is.Zero);
    }

    private int CountedClicks() =>
        trax.Traffic.Query<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {ClickDayKeys.ClickPrefix} and RowKey lt {ClickDayKeys.ClicksEnd}")).Count();
}
