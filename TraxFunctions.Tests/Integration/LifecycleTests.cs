using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Trax.Clicks;
using Trax.Conversions;
using Trax.Core;

namespace Trax.Tests.Integration;

/// <summary>
/// A conversion's life on Azurite, through the real functions and queue: a status or payout that changes is an
/// update kept in the conversion's history; the most recently received postback wins whatever order the processor
/// sees them in, however often each is redelivered; reports count the current state.
/// </summary>
[Category("Integration")]
public sealed partial class LifecycleTests
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
