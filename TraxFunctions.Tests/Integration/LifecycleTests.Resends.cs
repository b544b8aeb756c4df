using Microsoft.Extensions.Time.Testing;
using Trax.Core;

namespace Trax.Tests.Integration;

/// <summary>A network's resends: the same word again within the window is a duplicate, after it a new word.</summary>
public sealed partial class LifecycleTests
{
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
}
