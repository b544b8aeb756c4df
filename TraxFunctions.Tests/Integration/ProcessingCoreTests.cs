using Azure.Data.Tables;
using Trax.PostbackLog;

namespace Trax.Tests.Integration;

/// <summary>
/// The processing core's promises that a hostile review found broken, each reproduced on Azurite (and failing there
/// before the fix): re-attribution that heals, a log row that never moves backwards, every txid its own conversion,
/// keys within Azure's limit, payouts that cannot overflow a report, the audit trail kept, dates Azure can store.
/// </summary>
[Category("Integration")]
public sealed class ProcessingCoreTests
{
    private TraxApp trax = null!;

    [SetUp]
    public async Task SetUpAsync() => trax = await TraxApp.StartAsync();

    [TearDown]
    public async Task TearDownAsync() => await trax.DisposeAsync();

    private static string Today => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd");

    [Test]
    public async Task Reattribution_FailingAfterTheConversionWasMarked_IsHealedByRegisteringAgain()
    {
        await PostAsync("ftd?clickid=late-1");
        await trax.DrainAsync();
        trax.Faults.Fail(StorageFaults.Table("PostbackLog", "transaction"), InjectedFault.ServerBusy);

        var first = await RegisterAsync("late-1");
        var second = await RegisterAsync("late-1");

        Assert.That(first.StatusCode, Is.EqualTo(503), first.Text);
        Assert.That(second.StatusCode, Is.EqualTo(200), second.Text);
        Assert.That(await OutcomeAsync("late-1"), Is.EqualTo("created"));
        Assert.That(await ReportCountAsync(), Is.EqualTo(1), "the re-attributed conversion is counted once");
    }

    [Test]
    public async Task OrphanLogRow_LandingAfterAConcurrentReattribution_NeverMovesTheLogBackwards()
    {
        await PostAsync("ftd?clickid=race-1");
        var message = (await trax.ReceiveTextsAsync()).Single();
        var logWrite = trax.Faults.Hold(StorageFaults.Table("PostbackLog"));

        var processing = trax.ProcessAsync(message);
        await logWrite.Reached;
        var registered = await RegisterAsync("race-1");
        logWrite.Release();
        await processing;

        Assert.That(registered.StatusCode, Is.EqualTo(200), registered.Text);
        Assert.That(await OutcomeAsync("race-1"), Is.EqualTo("created"));
        Assert.That(await ReportCountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task RedeliveryHeal_LandingAfterAConcurrentReattribution_NeverMovesTheLogBackwards()
    {
        await PostAsync("ftd?clickid=race-2");
        var message = (await trax.ReceiveTextsAsync()).Single();
        trax.Faults.Fail(r => r.Resource.StartsWith("PostbackLog", StringComparison.Ordinal), InjectedFault.ServerBusy);
        await Assert.CatchAsync(() => trax.ProcessAsync(message), "the first delivery fails at its log write");
        var healWrite = trax.Faults.Hold(StorageFaults.Table("PostbackLog"));

        var redelivery = trax.ProcessAsync(message);
        await healWrite.Reached;
        var registered = await RegisterAsync("race-2");
        healWrite.Release();
        await redelivery;

        Assert.That(registered.StatusCode, Is.EqualTo(200), registered.Text);
        Assert.That(await OutcomeAsync("race-2"), Is.EqualTo("created"));
        Assert.That(await ReportCountAsync(), Is.EqualTo(1));
    }

    [TestCase("A", "B")]
    [TestCase("%01", "%02")]
    [TestCase("T%0A1", "T%0A2")]
    public async Task TxId_TwoDifferentValues_AreTwoConversions(string first, string second)
    {
        var longPrefix = new string('x', 250);
        foreach (var (a, b) in new[] { (first, second), (longPrefix + first, longPrefix + second) })
        {
            var clickId = "tx-" + Guid.NewGuid().ToString("N")[..8];
            Assert.That((await PostAsync($"sale?clickid={clickId}&txid={a}&payout=10")).StatusCode, Is.EqualTo(200));
            Assert.That((await PostAsync($"sale?clickid={clickId}&txid={b}&payout=10")).StatusCode, Is.EqualTo(200));
            await trax.DrainAsync();

            var keys = (await trax.ConversionsAsync()).Where(c => c.ClickId == clickId).Select(c => c.Key).ToList();
            Assert.That(keys, Has.Count.EqualTo(2), $"txids {a} and {b}");
        }
    }

    [Test]
    public async Task TxId_OnlyAPlaceholder_CountsAsNoTxIdWithAWarning()
    {
        var answer = await PostAsync("sale?clickid=tx-macro&txid={order_id}");
        await trax.DrainAsync();

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        Assert.That(answer.Body!.Value.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()), Does.Contain("txid:unreplaced-macro"));
        Assert.That((await trax.ConversionsAsync()).Single().Key, Is.EqualTo("sale"));
    }

    [Test]
    public async Task TxId_ShapedLikeAPlaceholderWithDigits_KeepsItsIdentity()
    {
        // A shop whose order numbers are written [A-1001]: two sales, not one sale and a lost one.
        var first = await PostAsync("sale?clickid=tx-brackets&txid=%5BA-1001%5D&payout=10&currency=EUR");
        var second = await PostAsync("sale?clickid=tx-brackets&txid=%5BA-1002%5D&payout=20&currency=EUR");
        await trax.DrainAsync();

        Assert.That(first.Text + second.Text, Does.Not.Contain("txid:unreplaced-macro"));
        var conversions = await trax.ConversionsAsync();
        Assert.That(conversions.Select(c => $"{c.Key}={c.State.Payout}").Order(), Is.EqualTo(new[] { "sale:[A-1001]=10", "sale:[A-1002]=20" }));
    }

    [Test]
    public async Task Keys_LongestClickIdAndTxIdThatTraxAccepts_AreStoredWithinAzureLimits()
    {
        var clickId = new string('%', 128);
        var txId = new string('/', Trax.Core.PostbackLimits.MaxTxIdLength); // 3,072 characters once encoded in the key
        var answer = await trax.SendAsync(HttpRequests.PostForm("/wp-json/trax/v1/sale",
            $"clickid={Uri.EscapeDataString(clickId)}&txid={Uri.EscapeDataString(txId)}&payout=1"));

        await trax.DrainAsync();

        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        var conversion = (await trax.ConversionRowsAsync()).Single();
        Assert.That(conversion.PartitionKey.Length, Is.LessThanOrEqualTo(512));
        Assert.That(conversion.RowKey.Length, Is.LessThanOrEqualTo(512));
        Assert.That(conversion.TxId, Is.EqualTo(txId), "the txid itself is kept whole");
        Assert.That(trax.Limits.Refused, Is.Zero);
    }

    [TestCase("79228162514264337593543950335")]
    [TestCase("1000000000000.01")]
    [TestCase("-1000000000001")]
    [TestCase("12.34567")]
    public async Task Payout_OutOfBounds_Is400InvalidPayout(string payout)
    {
        var answer = await PostAsync($"sale?clickid=pay-1&payout={payout}");

        Assert.That(answer.StatusCode, Is.EqualTo(400));
        Assert.That(answer.Field("reason"), Is.EqualTo("invalid-payout"));
    }

    [TestCase("1000000000000")]
    [TestCase("-1000000000000")]
    [TestCase("12.3456")]
    public async Task Payout_AtTheBounds_IsAccepted(string payout) =>
        Assert.That((await PostAsync($"sale?clickid=pay-2&payout={payout}")).StatusCode, Is.EqualTo(200));

    [Test]
    public async Task Report_WhoseSumsOverflow_IsNotAStorageError()
    {
        // Rows as an earlier version stored them, before payouts were bounded at intake.
        var log = trax.PostbackLog;
        var now = DateTimeOffset.UtcNow;
        foreach (var id in new[] { "0190000000000000000000000000000a", "0190000000000000000000000000000b" })
        {
            await log.AddEntityAsync(new TableEntity(PostbackLogKeys.LogPartition(now, id), PostbackLogKeys.DayIndexRow(id))
            {
                ["Day"] = Today, ["Type"] = "sale", ["Currency"] = "EUR", ["Payout"] = "79228162514264337593543950335",
                ["ClickId"] = "c-" + id, ["ConversionKey"] = "sale", ["PostbackId"] = id, ["ReceivedAt"] = now,
            });
        }

        var report = await trax.GetAsync($"/api/reports/conversions?from={Today}&to={Today}");

        Assert.That(report.StatusCode, Is.EqualTo(200), report.Text);
        Assert.That(report.Body!.Value.GetProperty("conversions").GetInt64(), Is.EqualTo(2));
        Assert.That(report.Body!.Value.GetProperty("totals")[0].GetProperty("payoutOverflow").GetBoolean(), Is.True);
    }

    [Test]
    public async Task AuditTrail_CallersAddressForwardedForAndUserAgent_AreStoredOnTheConversionAndTheLogRow()
    {
        var request = HttpRequests.Get("/wp-json/trax/v1/ftd?clickid=audit-1");
        request.HttpContext.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("203.0.113.9");
        request.Headers["X-Forwarded-For"] = "198.51.100.7";
        request.Headers.UserAgent = "AffiliateWeb-Postback/2.0";
        await trax.SendAsync(request);
        await trax.DrainAsync();

        var conversion = await trax.Conversions.QueryAsync<TableEntity>().SingleAsync(e => !e.RowKey.StartsWith(Trax.Storage.Keys.HistoryRowPrefix, StringComparison.Ordinal));
        var logRow = await trax.PostbackLog.QueryAsync<TableEntity>().SingleAsync(e => string.CompareOrdinal(e.RowKey, ":") < 0);
        foreach (var row in new[] { conversion, logRow })
        {
            Assert.That(row.GetString("ClientIp"), Is.EqualTo("203.0.113.9"));
            Assert.That(row.GetString("ForwardedFor"), Is.EqualTo("198.51.100.7"));
            Assert.That(row.GetString("UserAgent"), Is.EqualTo("AffiliateWeb-Postback/2.0"));
        }
    }

    [TestCase("1600-12-31T23:59:59Z")]
    [TestCase("0001-01-01T00:00:00Z")]
    [TestCase("1850-05-31T23:47:00Z")]
    [TestCase("1999-12-31T23:59:59Z")]
    public async Task RegisterClick_ClickedBefore2000_Is400(string clickedAt)
    {
        var answer = await trax.SendAsync(HttpRequests.Json("POST", "/api/clicks", $$"""{"clickId": "old-1", "clickedAt": "{{clickedAt}}"}"""));

        Assert.That(answer.StatusCode, Is.EqualTo(400), answer.Text);
        Assert.That(answer.Body!.Value.GetProperty("clicks")[0].GetProperty("reason").GetString(), Is.EqualTo("invalid-clicked-at"));
        Assert.That(trax.Limits.Refused, Is.Zero, "nothing Azure would refuse was sent");
    }

    [Test]
    public async Task RegisterClick_ClickedAtTheFirstInstantOf2000_IsStored()
    {
        var answer = await trax.SendAsync(HttpRequests.Json("POST", "/api/clicks", """{"clickId": "y2k-1", "clickedAt": "2000-01-01T00:00:00Z"}"""));

        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        Assert.That(answer.Body!.Value.GetProperty("clicks")[0].GetProperty("status").GetString(), Is.EqualTo("created"));
    }

    private Task<Answer> PostAsync(string path) => trax.GetAsync("/wp-json/trax/v1/" + path);

    private Task<Answer> RegisterAsync(string clickId) =>
        trax.SendAsync(HttpRequests.Json("POST", "/api/clicks", $$"""{"clickId": "{{clickId}}"}"""));

    private async Task<string?> OutcomeAsync(string clickId)
    {
        var rows = (await trax.LogAsync()).Where(r => r.ClickId == clickId).ToList();
        Assert.That(rows, Has.Count.EqualTo(1), string.Join("; ", rows.Select(r => $"{r.PostbackId} {r.Outcome}")));
        return rows[0].Outcome;
    }

    private async Task<long> ReportCountAsync()
    {
        var report = await trax.GetAsync($"/api/reports/conversions?from={Today}&to={Today}");
        Assert.That(report.StatusCode, Is.EqualTo(200), report.Text);
        return report.Body!.Value.GetProperty("conversions").GetInt64();
    }
}
