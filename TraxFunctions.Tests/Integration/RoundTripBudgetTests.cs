using Trax.Clicks;
using Trax.Forwards;
using Trax.PostbackLog;
using Trax.Rollups;

namespace Trax.Tests.Integration;

/// <summary>
/// Storage round trips per postback, counted on the clients <c>AddTrax</c> builds (a counting pipeline policy
/// registered in DI joins them all), so that a write added to the processor shows up here. Budget: one queue send
/// per accepted postback; 3 round trips per new attributed conversion, 4 per orphan (the second click read that
/// closes the race with a late registration; its log and index rows are one transaction), 5 per duplicate that says
/// a status or payout (kept in the history, so that a resend is told from a new word in any order), 4 per one that
/// can change nothing ever (no status or payout, the same words as an earlier postback in the same minute, an upload
/// row uploaded again), 7 per status or payout update (attributed or not), 6 per redelivered message; a click
/// registration that attributes one waiting conversion, 5. The forwards are read once per cache period, not per postback; each
/// matching forward adds one queue send per created or status-changing outcome. Today's shard-days are opened first,
/// as the rollup timer opens today's and tomorrow's (a shard-day's first write before that costs 3 more:
/// <c>DayMarkerTests.Write_FirstInAShardDayNotPrepared_OpensItWithThreeRequestsMore</c>). A transaction is one request to the
/// account, answered 202 even when an action in it is refused (the refusal is inside the answer).
/// </summary>
[Category("Integration")]
public sealed class RoundTripBudgetTests
{
    private const string SeedUrl = "/wp-json/trax/v1/ftd?clickid=85512345&network=AffiliateWeb&program=SuperGame1";

    private TraxApp trax = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        // Forwards as production reads them: once per cache period per instance, so not per postback.
        // Time stands still: every postback of a test is received in the same minute.
        trax = await TraxApp.StartAsync(time: new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow),
            settings: new Dictionary<string, string?> { ["Trax:Forwarding:CacheSeconds"] = "3600" });
        await trax.SeedClickAsync(new Click { ClickId = "85512345", ClickedAt = DateTimeOffset.UtcNow.AddHours(-1) });
        await trax.Get<ForwardCache>().EnabledAsync(CancellationToken.None);
        await trax.Get<DayRollupRoller>().PrepareAsync(PostbackLogKeys.LogDay(trax.Get<TimeProvider>().GetUtcNow()), CancellationToken.None);
        trax.Requests.Reset();
    }

    [TearDown]
    public async Task TearDownAsync() => await trax.DisposeAsync();

    [Test]
    public async Task Ingest_AcceptedPostback_IsOneQueueSend()
    {
        var answer = await trax.GetAsync(SeedUrl);

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        Assert.That(trax.Requests.Snapshot().Keys.Select(k => (k.Service, k.Operation, k.Status)),
            Is.EqualTo(new[] { ("queue", "send", 201) }));
        Assert.That(trax.Requests.Total, Is.EqualTo(1));
    }

    [Test]
    public async Task Process_NewAttributedConversion_IsThreeRoundTrips()
    {
        var message = await QueueOneAsync(SeedUrl);

        await trax.ProcessAsync(message);

        Assert.That(Described(), Is.EquivalentTo(new[] { "table Clicks point read → 200", "table Conversions transaction → 202", "table PostbackLog transaction → 202" }),
            "click read, the conversion with its history row, the log row with the day-index row");
    }

    [Test]
    public async Task Process_NewOrphan_IsFourRoundTrips()
    {
        var message = await QueueOneAsync("/wp-json/trax/v1/ftd?clickid=unknown-1");

        await trax.ProcessAsync(message);

        Assert.That(Described(), Is.EquivalentTo(new[]
        {
            "table Clicks point read → 404", "table Conversions transaction → 202", "table Clicks point read → 404", "table PostbackLog transaction → 202",
        }), "the second click read closes the race with a registration that inserted the click after the first; the log row and the " +
            "unattributed index row are one transaction, as the orphan's log row alone was");
    }

    [Test]
    public async Task Process_StatusUpdateOfAnOrphan_IsSevenRoundTripsLikeAnyUpdate()
    {
        await trax.ProcessAsync(await QueueOneAsync("/wp-json/trax/v1/ftd?clickid=unknown-2&status=pending"));
        var approved = await QueueOneAsync("/wp-json/trax/v1/ftd?clickid=unknown-2&status=approved");

        await trax.ProcessAsync(approved);

        Assert.That(Described(), Is.EquivalentTo(new[]
        {
            "table Clicks point read → 404", "table Conversions transaction → 202", "table Conversions query → 200",
            "table Conversions transaction → 202", "table PostbackLog upsert (replace) → 204",
            "table PostbackLog point read → 200", "table PostbackLog transaction → 202",
        }), "an unattributed conversion is counted, so its day-index row is merged like any other");
    }

    [Test]
    public async Task Process_RedeliveredOrphan_IsSevenRoundTrips()
    {
        var message = await QueueOneAsync("/wp-json/trax/v1/ftd?clickid=unknown-3");
        await trax.ProcessAsync(message);
        trax.Requests.Reset();

        await trax.ProcessAsync(message);

        Assert.That(Described(), Is.EquivalentTo(new[]
        {
            "table Clicks point read → 404", "table Conversions transaction → 202", "table Conversions query → 200", "table Clicks point read → 404",
            "table PostbackLog transaction → 202", "table PostbackLog insert → 409", "table PostbackLog point read → 200",
        }), "its own orphan: the log row is kept as it is (inserted if absent) and its day-index row found as it should be");
    }

    [Test]
    public async Task RegisterClick_WithOneConversionWaitingForIt_IsSixRoundTrips()
    {
        await trax.ProcessAsync(await QueueOneAsync("/wp-json/trax/v1/ftd?clickid=late-1"));
        trax.Requests.Reset();

        var answer = await trax.PostJsonAsync("/api/clicks", """{"clickId": "late-1"}""");

        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        Assert.That(Described(), Is.EquivalentTo(new[]
        {
            "table Clicks insert → 204", "table Traffic transaction → 202", "table Conversions query → 200",
            "table PostbackLog point read → 200", "table PostbackLog transaction → 202", "table Conversions upsert (replace) → 204",
        }), "the click, its count (click row and hour marker in one transaction), the query for what waited for it, then per conversion: its index row read, the final log row with the merged index row, the conversion marked");
    }

    [Test]
    public async Task Process_DuplicateOfAnotherPostback_IsFiveRoundTrips()
    {
        await trax.ProcessAsync(await QueueOneAsync(SeedUrl + "&status=approved"));
        var duplicate = await QueueOneAsync(SeedUrl + "&status=confirmed");

        await trax.ProcessAsync(duplicate);

        Assert.That(Described(), Is.EquivalentTo(new[]
        {
            "table Clicks point read → 200", "table Conversions transaction → 202", "table Conversions query → 200",
            "table Conversions transaction → 202", "table PostbackLog insert → 204",
        }), "click read, insert refused by the unique key, read of what is stored (the conversion and its history), its history row (conditional on the state), its log row");
    }

    [Test]
    public async Task Process_DuplicateOlderThanTheState_IsFiveRoundTrips()
    {
        var older = await QueueOneAsync(SeedUrl + "&status=approved");
        await trax.ProcessAsync(await QueueOneAsync(SeedUrl + "&status=confirmed"));
        trax.Requests.Reset();

        await trax.ProcessAsync(older);

        Assert.That(Described(), Is.EquivalentTo(new[]
        {
            "table Clicks point read → 200", "table Conversions transaction → 202", "table Conversions query → 200",
            "table Conversions transaction → 202", "table PostbackLog insert → 204",
        }), "its history row too: an older word may decide how a later one counts (the first of a run sent again)");
    }

    [TestCase("")]
    [TestCase("&status=approved&payout=25.50&currency=EUR")]
    public async Task Process_DuplicateThatCanChangeNothing_IsFourRoundTrips(string words)
    {
        await trax.ProcessAsync(await QueueOneAsync(SeedUrl + words));
        var duplicate = await QueueOneAsync(SeedUrl + words);

        await trax.ProcessAsync(duplicate);

        Assert.That(Described(), Is.EquivalentTo(new[]
        {
            "table Clicks point read → 200", "table Conversions transaction → 202", "table Conversions query → 200", "table PostbackLog insert → 204",
        }), "no status and no payout, or the same words in the same minute (a retry storm): it can change no state, now or later, so only its log row");
    }

    [Test]
    public async Task Process_StatusUpdate_IsSevenRoundTrips()
    {
        await trax.ProcessAsync(await QueueOneAsync(SeedUrl + "&status=pending"));
        var approved = await QueueOneAsync(SeedUrl + "&status=approved");

        await trax.ProcessAsync(approved);

        Assert.That(Described(), Is.EquivalentTo(new[]
        {
            "table Clicks point read → 200", "table Conversions transaction → 202", "table Conversions query → 200",
            "table Conversions transaction → 202", "table PostbackLog upsert (replace) → 204",
            "table PostbackLog point read → 200", "table PostbackLog transaction → 202",
        }), "click read, insert refused, read, the new state with its history row (conditional), the log row, the day-index row read and " +
            "replaced (conditional) in one transaction with its hour's rollup marker");
    }

    [Test]
    public async Task Process_RedeliveredMessage_IsSixRoundTrips()
    {
        var message = await QueueOneAsync(SeedUrl);
        await trax.ProcessAsync(message);
        trax.Requests.Reset();

        await trax.ProcessAsync(message);

        Assert.That(Described(), Is.EquivalentTo(new[]
        {
            "table Clicks point read → 200", "table Conversions transaction → 202", "table Conversions query → 200",
            "table PostbackLog transaction → 202", "table PostbackLog upsert (replace) → 204", "table PostbackLog point read → 200",
        }), "its own conversion: the log row is written again and its day-index row found as it should be");
    }

    [Test]
    public async Task Process_NewConversionWithAMatchingForward_AddsOneQueueSend()
    {
        var put = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/ads", """{"url": "https://ads.example/cb?c={clickid}"}"""));
        Assert.That(put.StatusCode, Is.EqualTo(201), put.Text);
        await trax.Get<ForwardCache>().EnabledAsync(CancellationToken.None);
        var message = await QueueOneAsync(SeedUrl);

        await trax.ProcessAsync(message);

        Assert.That(Described(), Is.EquivalentTo(new[]
        {
            "table Clicks point read → 200", "table Conversions transaction → 202", "table PostbackLog transaction → 202",
            $"queue {trax.Options.ForwardQueueName.Replace(trax.RunId, "")} send → 201",
        }), "the conversion's three, then its job for the one forward");
    }

    /// <summary>Every request since the last reset, one entry per request, with this app's names made generic.</summary>
    private List<string> Described() =>
        [.. trax.Requests.Snapshot().SelectMany(kv => Enumerable.Repeat(kv.Key with { Resource = kv.Key.Resource.Replace(trax.RunId, "") }, kv.Value))
            .Select(r => r.ToString())];

    /// <summary>The queued message for a postback, as the trigger would hand it over.</summary>
    private async Task<string> QueueOneAsync(string url)
    {
        await trax.GetAsync(url);
        var message = (await trax.ReceiveTextsAsync()).Single();
        trax.Requests.Reset();
        return message;
    }
}
