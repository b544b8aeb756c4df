using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Trax.Clicks;
using Trax.Conversions;
using Trax.Core;
using Trax.Postbacks;

namespace Trax.Tests.Integration;

/// <summary>
/// A conversion's life on Azurite, through the real functions and queue: a status or payout that changes is an
/// update kept in the conversion's history; the most recently received postback wins whatever order the processor
/// sees them in, however often each is redelivered; reports count the current state.
/// </summary>
[Category("Integration")]
public sealed class LifecycleTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private const string Today = "2026-11-25";
    private const string Sale = "/wp-json/trax/v1/sale?clickid=c-77&network=AffiliateWeb&txid=T-9";

    private FakeTimeProvider clock = null!;
    private TraxApp trax = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        clock = new FakeTimeProvider(Start);
        trax = await StartAsync(clock);
    }

    [TearDown]
    public async Task TearDownAsync() => await trax.DisposeAsync();

    [Test]
    public async Task PendingApprovedRejected_InOrder_OneRejectedConversionWithThreeHistoryRows()
    {
        var pending = await PostAndProcessAsync(Sale + "&status=pending&payout=25.00&currency=EUR");
        var approved = await PostAndProcessAsync(Sale + "&status=approved");
        var rejected = await PostAndProcessAsync(Sale + "&status=chargeback");

        var conversion = (await trax.ConversionsAsync()).Single();
        Assert.That(conversion.State.Status, Is.EqualTo(ConversionStatus.Rejected));
        Assert.That(conversion.State.StatusRaw, Is.EqualTo("chargeback"));
        Assert.That((conversion.State.Payout, conversion.State.Currency), Is.EqualTo((25.00m, "EUR")), "a status postback without a payout keeps the money");
        var history = (await trax.HistoryAsync()).OrderBy(h => h.PostbackId, StringComparer.Ordinal).ToList();
        Assert.That(history.Select(h => (h.PostbackId, h.Outcome, h.From?.Status, h.To.Status)), Is.EqualTo(new (string, string, ConversionStatus?, ConversionStatus)[]
        {
            (pending, "created", null, ConversionStatus.Pending),
            (approved, "updated", ConversionStatus.Pending, ConversionStatus.Approved),
            (rejected, "updated", ConversionStatus.Approved, ConversionStatus.Rejected),
        }));

        // The log shows each postback's outcome, and an update's from → to.
        var log = await LogItemsAsync();
        Assert.That(log[approved].GetProperty("outcome").GetString(), Is.EqualTo("updated"));
        Assert.That(State(log[approved], "from"), Is.EqualTo("pending|25.00|EUR"));
        Assert.That(State(log[approved], "to"), Is.EqualTo("approved|25.00|EUR"));
        Assert.That(State(log[rejected], "to"), Is.EqualTo("rejected|25.00|EUR"));

        // The lookup shows the state now and the history; the report counts it as rejected only.
        var lookup = (await trax.GetAsync("/api/conversions?clickid=c-77")).Body!.Value.GetProperty("conversions")[0];
        Assert.That(lookup.GetProperty("status").GetString(), Is.EqualTo("rejected"));
        Assert.That(lookup.GetProperty("statusRaw").GetString(), Is.EqualTo("chargeback"));
        Assert.That(lookup.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("outcome").GetString()),
            Is.EqualTo(new[] { "created", "updated", "updated" }));
        var totals = await TotalsAsync();
        Assert.That(totals, Is.EqualTo(new[] { "EUR|net 0/|approved 0/|pending 0/|rejected 1/25.00" }));
    }

    [Test]
    public async Task ThreePostbacks_EveryOrderEachRedelivered_SameFinalStateHistoryAndReport()
    {
        var messages = await QueueAsync(
            Sale + "&status=pending&payout=25.00&currency=EUR", Sale + "&status=approved", Sale + "&status=refund&payout=0&currency=EUR");
        var results = new List<string>();

        foreach (var order in Permutations([0, 1, 2]))
        {
            await using var app = await StartAsync(new FakeTimeProvider(Start.AddMinutes(5)));
            foreach (var i in order)
            {
                await app.ProcessAsync(messages[i]);
                await app.ProcessAsync(messages[i]);
            }

            await Task.WhenAll(order.Reverse().Select(i => app.ProcessAsync(messages[i])));
            results.Add(await FinalAsync(app));
        }

        Assert.That(results.Distinct(), Has.Exactly(1).Items, string.Join("\n", results));
        Assert.That(results[0], Does.StartWith("rejected|refund|0|EUR"));
    }

    [Test]
    public async Task StatusFirst_ThenTheCreatingPostback_CreatesInThatStatusAndKeepsIt()
    {
        var messages = await QueueAsync(Sale + "&status=pending&payout=25.00&currency=EUR", Sale + "&status=approved");

        await trax.ProcessAsync(messages[1]);
        var first = (await trax.ConversionsAsync()).Single();
        await trax.ProcessAsync(messages[0]);

        Assert.That(first.State.Status, Is.EqualTo(ConversionStatus.Approved), "created by the status postback, in its status");
        var conversion = (await trax.ConversionsAsync()).Single();
        Assert.That(conversion.State.Status, Is.EqualTo(ConversionStatus.Approved), "the earlier pending is older: it does not win");
        Assert.That((conversion.State.Payout, conversion.State.Currency), Is.EqualTo((25.00m, "EUR")), "but the money only it carried is kept");
        Assert.That((await trax.HistoryAsync()).Select(h => h.Outcome), Is.EquivalentTo(new[] { "created", "updated" }), "it changed the money");
        Assert.That(await TotalsAsync(), Is.EqualTo(new[] { "EUR|net 1/25.00|approved 1/25.00|pending 0/|rejected 0/" }));
    }

    [Test]
    public async Task PayoutCorrection_ChangesTheReportsSums()
    {
        await PostAndProcessAsync(Sale + "&payout=25.00&currency=EUR");
        Assert.That(await TotalsAsync(), Is.EqualTo(new[] { "EUR|net 1/25.00|approved 1/25.00|pending 0/|rejected 0/" }));

        await PostAndProcessAsync(Sale + "&payout=19.99&currency=EUR");
        Assert.That(await TotalsAsync(), Is.EqualTo(new[] { "EUR|net 1/19.99|approved 1/19.99|pending 0/|rejected 0/" }));
        await PostAndProcessAsync(Sale + "&payout=22&currency=USD");

        Assert.That(await TotalsAsync(), Is.EqualTo(new[] { "USD|net 1/22|approved 1/22|pending 0/|rejected 0/" }), "the currency moves with the payout");
        Assert.That((await trax.DayIndexAsync()).Single().Payout, Is.EqualTo(22m), "one index row, updated in place");
        Assert.That(await trax.ConversionsAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task SaleSentPendingThenRejected_AsANewUserSeesIt_IsRejectedAndNotInTheApprovedPayout()
    {
        await PostAndProcessAsync(Sale + "&status=pending&payout=40.00&currency=EUR");
        await PostAndProcessAsync("/wp-json/trax/v1/sale?clickid=c-77&network=AffiliateWeb&txid=T-10&payout=10.00&currency=EUR");
        await PostAndProcessAsync(Sale + "&status=rejected");

        var lookup = (await trax.GetAsync("/api/conversions?clickid=c-77")).Body!.Value.GetProperty("conversions").EnumerateArray()
            .Single(c => c.GetProperty("txId").GetString() == "T-9");
        var report = (await trax.GetAsync($"/api/reports/conversions?from={Today}&to={Today}")).Body!.Value;
        var byStatus = report.GetProperty("totals")[0].GetProperty("byStatus");

        Assert.That(lookup.GetProperty("status").GetString(), Is.EqualTo("rejected"));
        Assert.That(byStatus.GetProperty("approved").GetProperty("payout").GetDecimal(), Is.EqualTo(10.00m));
        Assert.That(byStatus.GetProperty("rejected").GetProperty("payout").GetDecimal(), Is.EqualTo(40.00m));
        Assert.That(report.GetProperty("totals")[0].GetProperty("payout").GetDecimal(), Is.EqualTo(10.00m), "net of the rejection");
        Assert.That(report.GetProperty("conversions").GetInt64(), Is.EqualTo(1));
    }

    [Test]
    public async Task Repeat_NewerThanTheState_WinsOverAnOlderChangeProcessedAfterIt()
    {
        // Received: approved, rejected, approved again in other words (not a resend of the first, which would not be
        // newer: NetworkResend_*). Processed: the last before the rejection.
        var messages = await QueueAsync(Sale + "&status=approved", Sale + "&status=rejected", Sale + "&status=confirmed");

        await trax.ProcessAsync(messages[0]);
        await trax.ProcessAsync(messages[2]);
        await trax.ProcessAsync(messages[1]);

        var conversion = (await trax.ConversionsAsync()).Single();
        Assert.That(conversion.State.Status, Is.EqualTo(ConversionStatus.Approved), "the most recently received postback said approved");
        Assert.That(conversion.State.StatusBy, Is.EqualTo(Id(messages[2])));
        var log = await LogItemsAsync();
        Assert.That(log[Id(messages[2])].GetProperty("outcome").GetString(), Is.EqualTo("duplicate"));
        Assert.That(log[Id(messages[1])].GetProperty("outcome").GetString(), Is.EqualTo("superseded"));
        Assert.That(await TotalsAsync(), Is.EqualTo(new[] { "|net 1/|approved 1/|pending 0/|rejected 0/" }));
    }

    [Test]
    public async Task Update_FailingBeforeTheDayIndexMerge_IsMergedByTheRedelivery()
    {
        // Found by the model-based fault test: a redelivered update merged the state its history row holds, and
        // that row did not keep who set it, so the merge lost to the older state in the index.
        await PostAndProcessAsync(Sale + "&status=pending&payout=25.00&currency=EUR");
        var approved = (await QueueAsync(Sale + "&status=approved")).Single();
        trax.Faults.Fail(StorageFaults.Table("PostbackLog", "point read"), InjectedFault.ServerBusy, times: 100);

        await Assert.CatchAsync(() => trax.ProcessAsync(approved), "the update is stored; the index merge fails");
        trax.Faults.Clear();
        await trax.ProcessAsync(approved);

        Assert.That((await trax.DayIndexAsync()).Single().Status, Is.EqualTo("approved"));
        Assert.That(await TotalsAsync(), Is.EqualTo(new[] { "EUR|net 1/25.00|approved 1/25.00|pending 0/|rejected 0/" }));
    }

    [Test]
    public async Task UnknownStatus_IsKeptRawCountedPendingAndWarned()
    {
        var id = await PostAndProcessAsync(Sale + "&status=paid_out&payout=5&currency=EUR");

        var conversion = (await trax.ConversionsAsync()).Single();
        Assert.That(conversion.State.Status, Is.EqualTo(ConversionStatus.Pending));
        Assert.That(conversion.State.StatusRaw, Is.EqualTo("paid_out"));
        Assert.That(conversion.Postback.Warnings, Does.Contain("status:unknown-value"));
        Assert.That((await LogItemsAsync())[id].GetProperty("warnings").EnumerateArray().Select(w => w.GetString()), Does.Contain("status:unknown-value"));
        Assert.That(await TotalsAsync(), Is.EqualTo(new[] { "EUR|net 1/5|approved 0/|pending 1/5|rejected 0/" }));
    }

    [Test]
    public async Task NetworkStatusOverride_FromSettings_MapsItsOwnValue()
    {
        await using var app = await StartAsync(clock, new Dictionary<string, string?> { ["Trax:Networks:AffiliateWeb:Statuses:paid_out"] = "approved" });

        var answer = await app.GetAsync(Sale + "&status=paid_out");
        await app.DrainAsync();

        Assert.That(answer.Text, Does.Not.Contain("status:unknown-value"));
        Assert.That((await app.ConversionsAsync()).Single().State.Status, Is.EqualTo(ConversionStatus.Approved));
    }

    [Test]
    public async Task Report_GroupByStatus_OneRowPerStatusFromTheCurrentState()
    {
        await PostAndProcessAsync(Sale + "&status=pending&payout=25&currency=EUR");
        await PostAndProcessAsync("/wp-json/trax/v1/sale?clickid=c-77&txid=T-10&payout=10&currency=EUR");
        await PostAndProcessAsync("/wp-json/trax/v1/sale?clickid=c-77&txid=T-11&payout=7&currency=EUR");
        await PostAndProcessAsync("/wp-json/trax/v1/sale?clickid=c-77&txid=T-11&status=fraud");

        var report = (await trax.GetAsync($"/api/reports/conversions?from={Today}&to={Today}&groupBy=status")).Body!.Value;

        Assert.That(report.GetProperty("rows").EnumerateArray().Select(r =>
                $"{r.GetProperty("status").GetString()}|{r.GetProperty("conversions").GetInt64()}|{r.GetProperty("payout")}|{r.GetProperty("rejected").GetInt64()}"),
            Is.EqualTo(new[] { "approved|1|10|0", "pending|1|25|0", "rejected|0||1" }));
    }

    [Test]
    public async Task EmptyPayoutWithACurrency_KeepsThePayout()
    {
        // The hostile review: a status postback whose template leaves the payout empty erased the 40 EUR.
        await PostAndProcessAsync(Sale + "&status=pending&payout=40.00&currency=EUR");
        var approved = await PostAndProcessAsync(Sale + "&status=approved&payout=&currency=EUR");

        var conversion = (await trax.ConversionsAsync()).Single();
        Assert.That((conversion.State.Status, conversion.State.Payout, conversion.State.Currency), Is.EqualTo((ConversionStatus.Approved, 40.00m, "EUR")));
        Assert.That((await trax.DayIndexAsync()).Single().Payout, Is.EqualTo(40.00m));
        Assert.That(await TotalsAsync(), Is.EqualTo(new[] { "EUR|net 1/40.00|approved 1/40.00|pending 0/|rejected 0/" }));
        Assert.That((await LogItemsAsync())[approved].GetProperty("warnings").EnumerateArray().Select(w => w.GetString()),
            Does.Contain("currency:without-payout"), "a currency alone says nothing of the money, and the log says so");
    }

    [Test]
    public async Task PayoutWithoutACurrency_KeepsTheCurrency()
    {
        await PostAndProcessAsync(Sale + "&status=pending&payout=40.00&currency=EUR");
        await PostAndProcessAsync(Sale + "&payout=35.00");

        var conversion = (await trax.ConversionsAsync()).Single();
        Assert.That((conversion.State.Payout, conversion.State.Currency), Is.EqualTo((35.00m, "EUR")), "an amount alone keeps the currency");
        Assert.That(await TotalsAsync(), Is.EqualTo(new[] { "EUR|net 1/35.00|approved 0/|pending 1/35.00|rejected 0/" }));
    }

    [Test]
    public async Task PayoutWithoutACurrency_ProcessedBeforeAnOlderPayoutWithOne_KeepsThatCurrency()
    {
        var messages = await QueueAsync(Sale + "&payout=40.00&currency=EUR", Sale + "&payout=35.00");

        await trax.ProcessAsync(messages[1]);
        await trax.ProcessAsync(messages[0]);

        var conversion = (await trax.ConversionsAsync()).Single();
        Assert.That((conversion.State.Payout, conversion.State.Currency), Is.EqualTo((35.00m, "EUR")), "the newer amount, the only currency");
        var index = (await trax.DayIndexAsync()).Single();
        Assert.That((index.Payout, index.Currency), Is.EqualTo((35.00m, "EUR")));
    }

    [Test]
    public async Task CurrencyAlone_ChangesNoMoney()
    {
        await PostAndProcessAsync(Sale + "&payout=40.00&currency=EUR");
        var usd = await PostAndProcessAsync(Sale + "&currency=USD");

        var conversion = (await trax.ConversionsAsync()).Single();
        Assert.That((conversion.State.Payout, conversion.State.Currency), Is.EqualTo((40.00m, "EUR")));
        Assert.That((await LogItemsAsync())[usd].GetProperty("outcome").GetString(), Is.EqualTo("duplicate"));
    }

    [Test]
    public async Task NoStatus_AfterAChargeback_KeepsItRejected()
    {
        // A payout correction without a status is no word on the status: it never re-approves a chargeback.
        await PostAndProcessAsync(Sale + "&status=pending&payout=40.00&currency=EUR");
        await PostAndProcessAsync(Sale + "&status=chargeback");
        await PostAndProcessAsync(Sale + "&payout=35.00&currency=EUR");

        var conversion = (await trax.ConversionsAsync()).Single();
        Assert.That((conversion.State.Status, conversion.State.StatusRaw, conversion.State.Payout), Is.EqualTo((ConversionStatus.Rejected, "chargeback", 35.00m)));
        Assert.That(await TotalsAsync(), Is.EqualTo(new[] { "EUR|net 0/|approved 0/|pending 0/|rejected 1/35.00" }));
    }

    [TestCase("%01approved", "status:control-characters")]
    [TestCase("{status}", "status:unreplaced-macro")]
    public async Task StatusDropped_IsNoWordOnTheStatus(string status, string warning)
    {
        await PostAndProcessAsync(Sale + "&status=pending&payout=40.00&currency=EUR");
        var dropped = await PostAndProcessAsync(Sale + "&status=" + status);

        Assert.That((await trax.ConversionsAsync()).Single().State.Status, Is.EqualTo(ConversionStatus.Pending));
        var log = (await LogItemsAsync())[dropped];
        Assert.That(log.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()), Does.Contain(warning));
        Assert.That(log.GetProperty("outcome").GetString(), Is.EqualTo("duplicate"));
    }

    [Test]
    public async Task NoStatus_ProcessedBeforeAnOlderPending_GivesPending()
    {
        // A conversion created without a status is approved until a postback says otherwise, whenever it was received.
        var messages = await QueueAsync(Sale + "&status=pending&payout=40.00&currency=EUR", Sale + "&payout=35.00&currency=EUR");

        await trax.ProcessAsync(messages[1]);
        Assert.That((await trax.ConversionsAsync()).Single().State.Status, Is.EqualTo(ConversionStatus.Approved), "created approved");
        await trax.ProcessAsync(messages[0]);

        var conversion = (await trax.ConversionsAsync()).Single();
        Assert.That((conversion.State.Status, conversion.State.Payout), Is.EqualTo((ConversionStatus.Pending, 35.00m)));
        Assert.That((await trax.DayIndexAsync()).Single().Status, Is.EqualTo("pending"));
    }

    [Test]
    public async Task NetworkResend_OfAPendingAfterItsChargeback_KeepsTheChargebackInEveryOrder()
    {
        // The hostile review: the network retried its old pending URL after the chargeback, and the sale was counted again.
        const string pending = Sale + "&status=pending&payout=40.00&currency=EUR";
        var messages = await QueueAsync(pending, Sale + "&status=chargeback", pending);
        var results = new List<string>();

        foreach (var order in Permutations([0, 1, 2]))
        {
            await using var app = await StartAsync(new FakeTimeProvider(Start.AddMinutes(5)));
            foreach (var i in order)
            {
                await app.ProcessAsync(messages[i]);
            }

            await app.ProcessAsync(messages[order[0]]);
            var conversion = (await app.ConversionsAsync()).Single();
            var index = (await app.DayIndexAsync()).Single();
            results.Add($"{string.Join("", order)}: {conversion.State.Status} {conversion.State.Payout} {conversion.State.Currency} by {Short(conversion.State.StatusBy)}, index {index.Status} {index.Payout}");
        }

        Assert.That(results, Has.All.Contains(": Rejected 40.00 EUR by " + Short(Id(messages[1])) + ", index rejected 40.00"), string.Join("\n", results));
    }

    [Test]
    public async Task NetworkResend_InOrder_IsADuplicateOfTheFirstAndNotForwarded()
    {
        var put = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/ads", """{"url": "https://ads.example/cb?s={status}"}"""));
        Assert.That(put.StatusCode, Is.EqualTo(201), put.Text);
        var pending = await PostAndProcessAsync(Sale + "&status=pending&payout=40.00&currency=EUR");
        await PostAndProcessAsync(Sale + "&status=chargeback");
        var resend = await PostAndProcessAsync(Sale + "&status=pending&payout=40.00&currency=EUR");

        var log = (await LogItemsAsync())[resend];
        Assert.That((log.GetProperty("outcome").GetString(), log.GetProperty("duplicateOf").GetString()), Is.EqualTo(("duplicate", pending)),
            "a duplicate of the postback it sends again");
        Assert.That(await TotalsAsync(), Is.EqualTo(new[] { "EUR|net 0/|approved 0/|pending 0/|rejected 1/40.00" }));
        var jobs = (await trax.ReceiveForwardJobsAsync()).Select(m => Trax.Forwards.ForwardJobJson.Deserialize(TraxApp.DecodeLikeTheTrigger(m)).Status);
        Assert.That(jobs, Is.EquivalentTo(new[] { "pending", "rejected" }), "the resend is not forwarded");
    }

    [Test]
    public async Task NetworkResend_AfterTheWindow_IsANewWord()
    {
        // Days later the same words are the network's again (a chargeback withdrawn), not a retry.
        await PostAndProcessAsync(Sale + "&status=approved&payout=40.00&currency=EUR");
        await PostAndProcessAsync(Sale + "&status=chargeback");
        clock.Advance(TimeSpan.FromDays(8));
        await PostAndProcessAsync(Sale + "&status=approved&payout=40.00&currency=EUR");

        Assert.That((await trax.ConversionsAsync()).Single().State.Status, Is.EqualTo(ConversionStatus.Approved));
    }

    [Test]
    public async Task LegacyConversion_FromBeforeStatuses_KeepsItsMoneyAndGainsItsCreatorsHistoryRow()
    {
        // A conversion and its index row as versions before statuses wrote them: no state, no history, no version.
        var creator = new PostbackMessage
        {
            Version = 1, Id = PostbackIds.New(Start.AddMinutes(-10)), Type = ConversionType.Sale, ClickId = "c-77", Network = "AffiliateWeb",
            TxId = "T-9", Payout = 25m, Currency = "EUR", ReceivedAt = Start.AddMinutes(-10), Method = "GET",
        };
        var legacy = Trax.Testing.StoredConversions.Of(creator, new Click { ClickId = "c-77", ClickedAt = Start.AddHours(-1), Attributes = new() { Campaign = "winter" } }, Start.AddMinutes(-10));
        var row = ConversionEntity.From(legacy);
        (row.CurrentStatus, row.CurrentStatusRaw, row.StatusBy, row.CurrentPayout, row.CurrentCurrency, row.MoneyBy, row.CurrencyBy, row.Version) =
            (null, null, null, null, null, null, null, null);
        await trax.Conversions.AddEntityAsync(row);
        var index = PostbackLog.DayIndexEntity.From(PostbackLogEntries.DayIndex(legacy, legacy.State)!);
        (index.Status, index.StatusBy, index.MoneyBy, index.CurrencyBy, index.Version) = (null, null, null, null, null);
        await trax.PostbackLog.AddEntityAsync(index);

        await PostAndProcessAsync(Sale + "&status=chargeback");
        await PostAndProcessAsync(Sale + "&status=refund");

        var conversion = (await trax.ConversionsAsync()).Single();
        Assert.That((conversion.State.Status, conversion.State.Payout, conversion.State.Currency), Is.EqualTo((ConversionStatus.Rejected, 25m, "EUR")));
        Assert.That((await trax.HistoryAsync()).OrderBy(h => h.PostbackId, StringComparer.Ordinal).Select(h => (h.PostbackId == creator.Id, h.Outcome)),
            Is.EqualTo(new[] { (true, "created"), (false, "updated"), (false, "duplicate") }), "the creator's row, written with the first change, once");
        Assert.That(await TotalsAsync(), Is.EqualTo(new[] { "EUR|net 0/|approved 0/|pending 0/|rejected 1/25" }), "the old index row, replaced by the newer state");
    }

    private static Task<TraxApp> StartAsync(TimeProvider time, IDictionary<string, string?>? settings = null) =>
        StartSeededAsync(time, settings);

    private static async Task<TraxApp> StartSeededAsync(TimeProvider time, IDictionary<string, string?>? settings)
    {
        var app = await TraxApp.StartAsync(time: time, settings: settings);
        await app.SeedClickAsync(new Click { ClickId = "c-77", ClickedAt = Start.AddHours(-1), Attributes = new() { Campaign = "winter" } });
        return app;
    }

    /// <summary>Sends a postback, processes it, and returns its postback id.</summary>
    private async Task<string> PostAndProcessAsync(string url)
    {
        clock.Advance(TimeSpan.FromSeconds(1));
        var answer = await trax.GetAsync(url);
        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        await trax.DrainAsync();
        return answer.Field("id")!;
    }

    /// <summary>Sends postbacks in this order and returns their queued messages, in the same order (unprocessed).</summary>
    private async Task<List<string>> QueueAsync(params string[] urls)
    {
        var ids = new List<string>();
        foreach (var url in urls)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            var answer = await trax.GetAsync(url);
            Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
            ids.Add(answer.Field("id")!);
        }

        var messages = (await trax.ReceiveTextsAsync()).ToDictionary(Id);
        return [.. ids.Select(id => messages[id])];
    }

    private static string Id(string message) => PostbackMessageJson.Deserialize(message).Id;

    private static string Short(string postbackId) => postbackId.Length > 6 ? postbackId[^6..] : postbackId;

    /// <summary>What must not depend on the order: the state, the history's postbacks and what each said, the index and the report.</summary>
    private static async Task<string> FinalAsync(TraxApp app)
    {
        var conversion = (await app.ConversionsAsync()).Single();
        var state = conversion.State;
        var history = (await app.HistoryAsync())
            .Select(h => $"{h.PostbackId}:{h.Said.Status?.ToName()}/{h.Said.Payout}")
            .Order(StringComparer.Ordinal);
        var index = (await app.DayIndexAsync()).Single();
        var report = (await app.GetAsync($"/api/reports/conversions?from={Today}&to={Today}&groupBy=status")).Text;
        return string.Join('|', state.Status.ToName(), state.StatusRaw, state.Payout, state.Currency, state.StatusBy, state.MoneyBy)
               + "\nhistory " + string.Join(',', history)
               + $"\nindex {index.Status}|{index.Payout}|{index.Currency}|{index.StatusBy}|{index.MoneyBy}"
               + "\nreport " + report;
    }

    private async Task<Dictionary<string, JsonElement>> LogItemsAsync()
    {
        var answer = await trax.GetAsync($"/api/postbacks?date={Today}");
        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        return answer.Body!.Value.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
    }

    private static string State(JsonElement item, string name)
    {
        var state = item.GetProperty(name);
        return $"{state.GetProperty("status").GetString()}|{state.GetProperty("payout").GetString()}|{state.GetProperty("currency").GetString()}";
    }

    /// <summary>Each currency's totals: net, then each status, as count/payout.</summary>
    private async Task<List<string>> TotalsAsync()
    {
        var answer = await trax.GetAsync($"/api/reports/conversions?from={Today}&to={Today}");
        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        return [.. answer.Body!.Value.GetProperty("totals").EnumerateArray().Select(t =>
        {
            var byStatus = t.GetProperty("byStatus");
            return string.Join('|', [
                t.GetProperty("currency").GetString() ?? "",
                "net " + Money(t.GetProperty("conversions"), t.GetProperty("payout")),
                .. new[] { "approved", "pending", "rejected" }.Select(s =>
                    s + " " + Money(byStatus.GetProperty(s).GetProperty("conversions"), byStatus.GetProperty(s).GetProperty("payout"))),
            ]);
        })];
    }

    private static string Money(JsonElement count, JsonElement payout) =>
        $"{count.GetInt64()}/{(payout.ValueKind == JsonValueKind.Null ? "" : payout.GetRawText())}";

    private static IEnumerable<int[]> Permutations(int[] items) =>
        items.Length <= 1
            ? [items]
            : items.SelectMany((item, i) => Permutations([.. items[..i], .. items[(i + 1)..]]).Select(rest => (int[])[item, .. rest]));
}
