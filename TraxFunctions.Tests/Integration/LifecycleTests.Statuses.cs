using Trax.Core;

namespace Trax.Tests.Integration;

/// <summary>The status words: unknown ones, a network's own, none or dropped, and the report grouped by status.</summary>
public sealed partial class LifecycleTests
{
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
}
