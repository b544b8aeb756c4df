using Microsoft.Extensions.Time.Testing;
using Trax.Core;

namespace Trax.Tests.Integration;

/// <summary>The order the processor sees postbacks in, and redeliveries: the most recently received still wins.</summary>
public sealed partial class LifecycleTests
{
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
}
