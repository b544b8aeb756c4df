using System.Text;
using System.Text.Json;
using Trax.Clicks;
using Trax.Core;

namespace Trax.Tests.Integration;

/// <summary>
/// <c>POST /api/conversions/upload</c> on Azurite: each row is validated as a postback and queued as one, so it comes
/// out created, updated or duplicate like any postback; the answer accounts for every row.
/// </summary>
[Category("Integration")]
public sealed class UploadTests() : ClockedAppTests(Start)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private const string Path = "/api/conversions/upload";

    /// <summary>After the base class started the app: the click the uploads name.</summary>
    [SetUp]
    public async Task SeedClickAsync() =>
        await trax.SeedClickAsync(new Click { ClickId = "c-77", ClickedAt = Start.AddHours(-1), Attributes = new() { Campaign = "winter" } });

    [Test]
    public async Task Upload_MixedCsv_AnswersEveryRowAndStoresWhatPostbacksWould()
    {
        // Before the upload, the network reported a sale that the operator now corrects to a chargeback.
        await trax.GetAsync("/wp-json/trax/v1/sale?clickid=c-77&txid=T-9&payout=30&currency=EUR");
        await trax.DrainAsync();
        clock.Advance(TimeSpan.FromMinutes(1));

        var answer = await UploadAsync("""
            clickid,type,txid,payout,currency,status,network
            c-77,sale,T-1,25.00,EUR,pending,AffiliateWeb
            c-77,sale,T-1,25.00,EUR,approved,AffiliateWeb
            c-77,sale,T-1,25.00,EUR,approved,AffiliateWeb
            ,sale,T-2,10,EUR,approved,AffiliateWeb
            c-77,refund,T-3,10,EUR,,
            c-77,sale,T-4,ten,EUR,,
            c-77,ftd,,,,,
            c-77,sale,T-9,,,chargeback,AffiliateWeb
            """);
        await ProcessInReceiptOrderAsync();

        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        var body = answer.Body!.Value;
        Assert.That((Int(body, "rows"), Int(body, "accepted"), Int(body, "rejected"), Int(body, "notQueued")), Is.EqualTo((8L, 5L, 3L, 0L)));
        var results = body.GetProperty("results").EnumerateArray().ToList();
        Assert.That(results.Select(r => $"{Int(r, "line")}:{Text(r, "outcome")}:{Text(r, "reason")}"), Is.EqualTo(new[]
        {
            "2:accepted:", "3:accepted:", "4:accepted:", "5:rejected:missing-clickid", "6:rejected:invalid-type",
            "7:rejected:invalid-payout", "8:accepted:", "9:accepted:",
        }));
        var ids = results.Where(r => Text(r, "outcome") == "accepted").Select(r => Text(r, "id")!).ToList();
        Assert.That(ids, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal), "ids are minted in row order: a later row is newer");

        // What the processor made of the queued rows: the same outcomes as postbacks.
        var log = (await trax.LogAsync()).ToDictionary(e => e.PostbackId);
        Assert.That(ids.Select(id => log[id].Outcome), Is.EqualTo(new[] { "created", "updated", "duplicate", "created", "updated" }));
        Assert.That(ids.Select(id => log[id].Source!.Method), Is.All.EqualTo("UPLOAD"));
        Assert.That(log[ids[0]].Source!.Body, Is.EqualTo("c-77,sale,T-1,25.00,EUR,pending,AffiliateWeb"), "the row as uploaded is its audit trail");
        var conversions = (await trax.ConversionsAsync()).ToDictionary(c => c.Key);
        Assert.That(conversions.Keys, Is.EquivalentTo(new[] { "sale:T-1", "ftd", "sale:T-9" }));
        Assert.That(conversions["sale:T-1"].State.Status, Is.EqualTo(ConversionStatus.Approved));
        Assert.That(conversions["ftd"].State.Status, Is.EqualTo(ConversionStatus.Approved));
        Assert.That(conversions["sale:T-9"].State.Status, Is.EqualTo(ConversionStatus.Rejected));
        Assert.That(conversions["sale:T-9"].State.Payout, Is.EqualTo(30m), "a correction of the status alone keeps the payout");
        var history = await trax.HistoryAsync();
        Assert.That(history.Where(h => h.ConversionKey == "sale:T-1").Select(h => h.Outcome), Is.EquivalentTo(new[] { "created", "updated", "duplicate" }),
            "a duplicate that says something is kept: a postback sent again later is told from a new word by it");
        Assert.That(history.Single(h => h.PostbackId == ids[4]).Method, Is.EqualTo("UPLOAD"));
    }

    [Test]
    public async Task Upload_SameFileTwice_ChangesNothingTheSecondTime()
    {
        const string csv = "clickid,type,txid,payout,currency,status\nc-77,sale,T-1,25.00,EUR,rejected\nc-77,reg,,,,\n";
        await UploadAsync(csv);
        await trax.DrainAsync();
        var state = (await trax.ConversionsAsync()).Select(c => $"{c.Key}:{c.State.Status}:{c.State.Payout}").Order().ToList();

        var again = await UploadAsync(csv);
        await trax.DrainAsync();

        Assert.That(again.StatusCode, Is.EqualTo(200), again.Text);
        Assert.That((await trax.ConversionsAsync()).Select(c => $"{c.Key}:{c.State.Status}:{c.State.Payout}").Order(), Is.EqualTo(state));
        var ids = again.Body!.Value.GetProperty("results").EnumerateArray().Select(r => Text(r, "id")!).ToHashSet();
        Assert.That((await trax.LogAsync()).Where(e => ids.Contains(e.PostbackId)).Select(e => e.Outcome), Is.EqualTo(new[] { "duplicate", "duplicate" }));
    }

    [Test]
    public async Task Upload_SameFileTwice_WithTwoRowsForOneConversion_ChangesNothingAndForwardsNothing()
    {
        // The hostile review: pending then approved for one txid; the second upload updated it twice again and
        // forwarded approved again.
        var put = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/ads", """{"url": "https://ads.example/cb?s={status}"}"""));
        Assert.That(put.StatusCode, Is.EqualTo(201), put.Text);
        const string csv = "clickid,type,txid,payout,currency,status\nc-77,sale,T-1,25.00,EUR,pending\nc-77,sale,T-1,25.00,EUR,approved\n";
        await UploadAsync(csv);
        await ProcessInReceiptOrderAsync();
        var state = (await trax.ConversionsAsync()).Select(c => $"{c.Key}:{c.State.Status}:{c.State.Payout}:{c.State.StatusBy}").ToList();
        var history = (await trax.HistoryAsync()).Count;
        Assert.That(await trax.ReceiveForwardJobsAsync(), Has.Count.EqualTo(2), "pending, then approved, forwarded once each");
        clock.Advance(TimeSpan.FromHours(1));

        var again = await UploadAsync(csv);
        await ProcessInReceiptOrderAsync();

        Assert.That(again.StatusCode, Is.EqualTo(200), again.Text);
        Assert.That((await trax.ConversionsAsync()).Select(c => $"{c.Key}:{c.State.Status}:{c.State.Payout}:{c.State.StatusBy}"), Is.EqualTo(state));
        Assert.That(await trax.HistoryAsync(), Has.Count.EqualTo(history), "no new history rows");
        var ids = again.Body!.Value.GetProperty("results").EnumerateArray().Select(r => Text(r, "id")!).ToHashSet();
        Assert.That((await trax.LogAsync()).Where(e => ids.Contains(e.PostbackId)).Select(e => e.Outcome), Is.EqualTo(new[] { "duplicate", "duplicate" }));
        Assert.That(await trax.ReceiveForwardJobsAsync(), Is.Empty, "nothing forwarded again");
    }

    [Test]
    public async Task Upload_PayoutOnlyCorrection_KeepsAChargeback()
    {
        // A monthly statement of amounts, without statuses: no word on the status, so a charged-back sale stays rejected.
        await trax.GetAsync("/wp-json/trax/v1/sale?clickid=c-77&txid=T-9&payout=40&currency=EUR&status=pending");
        await trax.GetAsync("/wp-json/trax/v1/sale?clickid=c-77&txid=T-9&status=chargeback");
        await ProcessInReceiptOrderAsync();
        clock.Advance(TimeSpan.FromMinutes(1));

        var answer = await UploadAsync("clickid,type,txid,payout,currency,status\nc-77,sale,T-9,35,EUR,\n");
        await trax.DrainAsync();

        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        var conversion = (await trax.ConversionsAsync()).Single();
        Assert.That((conversion.State.Status, conversion.State.Payout, conversion.State.Currency), Is.EqualTo((ConversionStatus.Rejected, 35m, "EUR")));
    }

    [TestCase("c-77,sale,T\"1,1,EUR,approved", 3)]
    [TestCase("c-77,sale,T-1,1,EUR", 3)]
    public async Task Upload_BrokenCsv_Is400WithTheLineAndQueuesNothing(string badRow, int line)
    {
        var answer = await UploadAsync($"clickid,type,txid,payout,currency,status\nc-77,ftd,,,,\n{badRow}\n");

        Assert.That(answer.StatusCode, Is.EqualTo(400), answer.Text);
        Assert.That(answer.Field("reason"), Is.EqualTo("invalid-csv"));
        Assert.That(answer.Body!.Value.GetProperty("line").GetInt64(), Is.EqualTo(line));
        Assert.That(await trax.ReceiveAllAsync(), Is.Empty, "not even the good row before it");
    }

    [Test]
    public async Task Upload_RowWithATxIdLongerThanTraxCarries_IsRejectedPostbackTooLarge()
    {
        // The same bound as a postback's: a job made from this conversion could not be a queue message.
        var answer = await UploadAsync("clickid,type,txid,payout,currency,status\nc-77,sale," + new string('<', PostbackLimits.MaxTxIdLength + 1) + ",,,\nc-77,sale,T-1,,,\n");

        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        Assert.That(answer.Body!.Value.GetProperty("results").EnumerateArray().Select(r => $"{Text(r, "outcome")}:{Text(r, "reason")}"),
            Is.EqualTo(new[] { "rejected:postback-too-large", "accepted:" }));
        Assert.That(await trax.ReceiveAllAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Upload_NotCsv_Is415()
    {
        var answer = await trax.SendAsync(HttpRequests.Json("POST", Path, """{"clickid":"c-77"}"""));

        Assert.That(answer.StatusCode, Is.EqualTo(415), answer.Text);
        Assert.That(answer.Field("reason"), Is.EqualTo("unsupported-media-type"));
    }

    [Test]
    public async Task Upload_LargerThanTwoMebibytes_Is413AndQueuesNothing()
    {
        var row = "c-77,sale,T-1,25.00,EUR,approved," + new string('x', 200) + "\n";
        var csv = "clickid,type,txid,payout,currency,status,program\n" + string.Concat(Enumerable.Repeat(row, 2 * 1024 * 1024 / row.Length + 1));

        var answer = await UploadAsync(csv);

        Assert.That(answer.StatusCode, Is.EqualTo(413), answer.Text);
        Assert.That(answer.Field("reason"), Is.EqualTo("upload-too-large"));
        Assert.That(await trax.ReceiveAllAsync(), Is.Empty);
    }

    [Test]
    public async Task Upload_QueueUnreachable_Is503NamingTheRowsNotQueued()
    {
        trax.Faults.Fail(StorageFaults.Queue("send"), InjectedFault.ServerBusy, times: 1000);

        var answer = await UploadAsync("clickid,type,txid,payout,currency,status\nc-77,ftd,,,,\n,reg,,,,\nc-77,sale,T-1,5,EUR,\n");

        Assert.That(answer.StatusCode, Is.EqualTo(503), answer.Text);
        Assert.That(answer.Headers.RetryAfter.ToString(), Is.EqualTo("30"));
        Assert.That(answer.Field("status"), Is.EqualTo("error"));
        Assert.That(answer.Field("reason"), Is.EqualTo("storage-unavailable"));
        Assert.That(answer.Body!.Value.GetProperty("results").EnumerateArray().Select(r => Text(r, "outcome")),
            Is.EqualTo(new[] { "not-queued", "rejected", "not-queued" }));
    }

    /// <summary>
    /// The queued rows processed one by one in the order they were received (row order), so that their outcomes read
    /// as the rows do; in any other order the final state is the same (<see cref="LifecycleTests"/>).
    /// </summary>
    private async Task ProcessInReceiptOrderAsync()
    {
        foreach (var message in (await trax.ReceiveTextsAsync()).OrderBy(m => PostbackMessageJson.Deserialize(m).Id, StringComparer.Ordinal))
        {
            await trax.ProcessAsync(message);
        }
    }

    private Task<Answer> UploadAsync(string csv) =>
        trax.SendAsync(HttpRequests.Create("POST", Path, csv.Replace("\r\n", "\n").Replace("\n", "\r\n"), "text/csv; charset=utf-8"));

    private static long Int(JsonElement element, string name) => element.GetProperty(name).GetInt64();

    private static string? Text(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.GetString() : null;
}
