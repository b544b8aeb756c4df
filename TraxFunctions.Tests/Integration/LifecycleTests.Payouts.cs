using Trax.Core;

namespace Trax.Tests.Integration;

/// <summary>Payouts and currencies: a correction, an amount or a currency alone.</summary>
public sealed partial class LifecycleTests
{
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
}
