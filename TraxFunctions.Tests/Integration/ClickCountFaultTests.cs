using Trax.Storage;
using Azure.Data.Tables;
using Trax.Clicks;
using Trax.Traffic;

namespace Trax.Tests.Integration;

/// <summary>
/// A click's count (its row in the Traffic table) must equal the clicks actually stored, whatever the storage
/// answers: a count whose write landed although Trax saw it fail, for a click that was not stored, is taken back by
/// the redirect, and what the redirect could not take back the recount removes. On Azurite, with the fault harness.
/// </summary>
[Category("Integration")]
public sealed class ClickCountFaultTests() : ClockedAppTests(Start)
{
    private const string Link = """{"id": "supergame1", "destination": "https://network.example/track?sub1={clickid}", "network": "AffiliateWeb", "program": "SuperGame1", "campaign": "november"}""";
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 7, 0, TimeSpan.Zero);

    /// <summary>After the base class started the app: the link the visits go through.</summary>
    [SetUp]
    public async Task CreateLinkAsync() => await trax.CreateLinkAsync(Link);

    [Test]
    public async Task Go_ClickNotStoredWhileItsCountLandsWithItsAnswerLost_TakesTheCountBack()
    {
        trax.Faults.Fail(StorageFaults.Table(trax.Options.ClicksTable, "insert"), InjectedFault.ServerBusy);
        trax.Faults.Fail(StorageFaults.Table(trax.Options.TrafficTable, "transaction"), InjectedFault.LostResponse);

        var answer = await trax.SendAsync(HttpRequests.Visit("/go/supergame1"));

        Assert.That(answer.StatusCode, Is.EqualTo(302));
        Assert.That(trax.Faults.Injected.Select(f => f.Fault).Order(), Is.EqualTo(new[] { InjectedFault.ServerBusy, InjectedFault.LostResponse }));
        Assert.That(await trax.ClicksAsync(), Is.Empty);
        Assert.That(CountedClicks(), Is.Zero, "the count landed although its answer was lost; its click was not stored, so it is taken back");
        Assert.That(await ReportedClicksAsync(), Is.Zero);
    }

    [Test]
    public async Task Recount_CountWhoseClickWasNotStoredAndWhoseTakeBackFailed_IsRemovedOnceSettled()
    {
        // The count lands with its answer lost, the click is refused, and the take-back is refused too (event 3021).
        trax.Faults.Fail(StorageFaults.Table(trax.Options.ClicksTable, "insert"), InjectedFault.ServerBusy);
        trax.Faults.Fail(StorageFaults.Table(trax.Options.TrafficTable, "transaction"), InjectedFault.LostResponse);
        trax.Faults.Fail(StorageFaults.Table(trax.Options.TrafficTable, "transaction"), InjectedFault.ServerBusy);
        await trax.SendAsync(HttpRequests.Visit("/go/supergame1"));
        trax.Faults.Clear();
        var stored = await trax.VisitAsync("/go/supergame1");
        Assert.That(CountedClicks(), Is.EqualTo(2), "the phantom count and the stored click's");

        // Within the settle time a count without its click may be a redirect whose click insert is still on its way.
        var early = await RecountAsync();
        clock.Advance(TrafficRecount.Settle + TimeSpan.FromSeconds(1));
        var settled = await RecountAsync();
        var again = await RecountAsync();

        Assert.That(early, Is.EqualTo((0L, 0L)), "nothing counted or removed within the settle time");
        Assert.That(settled, Is.EqualTo((0L, 1L)), "the count of the click that was never stored is removed");
        Assert.That(again, Is.EqualTo((0L, 0L)));
        Assert.That((await trax.ClicksAsync()).Select(c => c.ClickId), Is.EqualTo(new[] { stored }));
        Assert.That(CountedClicks(), Is.EqualTo(1));
        Assert.That(await ReportedClicksAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Recount_ClicksTableMissing_Is503AndRemovesNoCount()
    {
        // A point read of a table that is not there (deleted, or a setting naming another) is no answer about the
        // click: taken for "no such click", the recount would remove every count.
        await trax.VisitAsync("/go/supergame1");
        clock.Advance(TrafficRecount.Settle + TimeSpan.FromSeconds(1));
        await trax.Clicks.DeleteAsync();

        var answer = await trax.SendAsync(HttpRequests.Create(
            "POST", "/api/reports/traffic/recount?continuationToken=" + Uri.EscapeDataString(ContinuationToken.Encode("counts", ""))));

        Assert.That((answer.StatusCode, answer.Field("reason")), Is.EqualTo((503, "storage-unavailable")), answer.Text);
        Assert.That(CountedClicks(), Is.EqualTo(1), "the count stays");
    }

    /// <summary>Runs the recount to its end, a page of one at a time: what it counted and what it removed.</summary>
    private async Task<(long Counted, long Removed)> RecountAsync()
    {
        long counted = 0, removed = 0;
        string? token = null;
        var pages = 0;
        do
        {
            var page = await trax.SendAsync(HttpRequests.Create("POST", "/api/reports/traffic/recount?limit=1" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token))));
            Assert.That(page.StatusCode, Is.EqualTo(200), page.Text);
            counted += page.Body!.Value.GetProperty("counted").GetInt64();
            removed += page.Body!.Value.TryGetProperty("removed", out var r) ? r.GetInt64() : 0;
            token = page.Body!.Value.GetProperty("continuationToken").GetString();
            pages++;
        }
        while (token is not null && pages < 20);
        Assert.That(token, Is.Null, "the recount ended");
        return (counted, removed);
    }

    private async Task<long> ReportedClicksAsync()
    {
        var day = Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var answer = await trax.GetAsync($"/api/reports/traffic?from={day}&to={day}");
        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        return answer.Body!.Value.GetProperty("totals").GetProperty("clicks").GetInt64();
    }

    private int CountedClicks() =>
        trax.Traffic.Query<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {ClickDayKeys.ClickPrefix} and RowKey lt {ClickDayKeys.ClicksEnd}")).Count();
}
