using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Trax.Clicks;
using Trax.Core;

namespace Trax.Tests.Integration;

/// <summary>
/// Re-attribution either finishes or answers 503, never leaving the index disagreeing with the conversion.
/// </summary>
public sealed partial class AttributionTests
{
    [Test]
    public async Task Reattribution_LosingItsReplaceToEveryConcurrentUpdate_Answers503AndTheRetryLeavesTheIndexAgreeing()
    {
        await trax.GetAsync("/wp-json/trax/v1/sale?clickid=wp-4&txid=T-1&payout=40&currency=EUR&status=pending");
        await trax.DrainAsync();

        // Each time the registration is about to mark the conversion attributed, a status postback changes it first,
        // so the conditional replace loses; this goes on until the registration gives its answer.
        // Each word is new (a payout not said before), so no postback is a resend that changes nothing.
        string[] statuses = ["approved", "pending", "chargeback"];
        var gate = trax.Faults.Hold(MarkingTheConversion);
        var registration = RegisterAsync("""{"clickId": "wp-4", "campaign": "november"}""");
        var lost = 0;
        while (await Task.WhenAny(gate.Reached, registration) == gate.Reached && lost < 20)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await trax.GetAsync($"/wp-json/trax/v1/sale?clickid=wp-4&txid=T-1&status={statuses[lost % statuses.Length]}&payout={41 + lost++}&currency=EUR");
            await trax.DrainAsync();
            var held = gate;
            gate = trax.Faults.Hold(MarkingTheConversion);
            held.Release();
        }

        var first = await registration;
        trax.Faults.Clear();
        var retried = await RegisterAsync("""{"clickId": "wp-4", "campaign": "november"}""");

        Assert.That((first.StatusCode, first.Field("reason")), Is.EqualTo((503, "storage-unavailable")),
            $"after {lost} lost replaces the registration must not answer 200 with an orphan left behind: {first.Text}");
        Assert.That(retried.StatusCode, Is.EqualTo(200), retried.Text);
        Assert.That(retried.Body!.Value.GetProperty("clicks")[0].GetProperty("reattributed").GetInt32(), Is.EqualTo(1));
        await AssertIndexAgreesWithTheConversionAsync("wp-4", "attributed");
    }

    [Test]
    public async Task Reattribution_FailingBeforeTheConversionIsMarked_ThenAnUpdate_ThenTheRetry_LeavesTheIndexAgreeing()
    {
        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=wp-5&payout=40&currency=EUR&status=pending");
        await trax.DrainAsync();
        trax.Faults.Fail(MarkingTheConversion, InjectedFault.ServerBusy);

        var failed = await RegisterAsync("""{"clickId": "wp-5", "campaign": "november"}""");
        clock.Advance(TimeSpan.FromMinutes(1));
        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=wp-5&status=approved&payout=35&currency=EUR");
        await trax.DrainAsync();
        await AssertIndexAgreesWithTheConversionAsync("wp-5", "attributed", stateOnly: true);
        var retried = await RegisterAsync("""{"clickId": "wp-5", "campaign": "november"}""");

        Assert.That(failed.StatusCode, Is.EqualTo(503), failed.Text);
        Assert.That(retried.StatusCode, Is.EqualTo(200), retried.Text);
        await AssertIndexAgreesWithTheConversionAsync("wp-5", "attributed");
        var report = (await ReportAsync($"from={Today}&to={Today}&groupBy=campaign,status")).Body!.Value;
        Assert.That(Rows(report, "campaign", "status"), Is.EqualTo(new[] { "november|approved|EUR|1|35" }));
    }

    [Test]
    public async Task Reattribution_RacingTheOrphansOwnLookOnceMore_CountsItOnceAttributed()
    {
        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=wp-6&payout=5&currency=EUR");
        var message = (await trax.ReceiveTextsAsync()).Single();

        // The processor found no click, stored the orphan and is about to read the click again; the registration
        // lands in between, finds the orphan and attributes it; then the processor's second look finds the click too.
        static bool ClickRead(StorageRequest r) => r.Service == "table" && r.Resource.StartsWith("Clicks", StringComparison.Ordinal) && r.Operation == "point read";
        var firstRead = trax.Faults.Hold(ClickRead);
        var processing = trax.ProcessAsync(message);
        await firstRead.Reached;
        var secondRead = trax.Faults.Hold(ClickRead);
        firstRead.Release();
        await secondRead.Reached;
        var registered = await RegisterAsync("""{"clickId": "wp-6", "campaign": "race"}""");
        secondRead.Release();
        await processing;
        await trax.ProcessAsync(message);

        Assert.That(registered.StatusCode, Is.EqualTo(200), registered.Text);
        await AssertIndexAgreesWithTheConversionAsync("wp-6", "attributed");
        var report = (await ReportAsync($"from={Today}&to={Today}&groupBy=campaign")).Body!.Value;
        Assert.That(Rows(report, "campaign"), Is.EqualTo(new[] { "race|EUR|1|5" }));
        Assert.That((await trax.LogAsync()).Single().Outcome, Is.EqualTo("created"));
    }

    /// <summary>The registration's replace of a conversion (the processor changes conversions in transactions).</summary>
    private static bool MarkingTheConversion(StorageRequest request) =>
        request.Service == "table" && request.Resource.StartsWith("Conversions", StringComparison.Ordinal) && request.Operation == "upsert (replace)";

    private async Task AssertIndexAgreesWithTheConversionAsync(string clickId, string attribution, bool stateOnly = false)
    {
        var conversion = (await trax.ConversionsAsync()).Single(c => c.ClickId == clickId);
        var row = (await trax.DayIndexAsync()).Single(r => r.ClickId == clickId);
        Assert.That((row.ConversionKey, row.PostbackId), Is.EqualTo((conversion.Key, conversion.PostbackId)));
        Assert.That((row.Status, row.Payout, row.Currency), Is.EqualTo((conversion.State.Status.ToName(), conversion.State.Payout, conversion.State.Currency)),
            "the report counts the conversion in the state it is in");
        if (!stateOnly)
        {
            Assert.That(conversion.Orphan, Is.False);
            Assert.That((await IndexRowsAsync()).Single(r => r.GetString("ClickId") == clickId).GetString("Attribution"), Is.EqualTo(attribution));
            Assert.That(row.Campaign, Is.EqualTo(conversion.Attribution!.Click.Campaign));
        }
    }
}
