using Trax.Conversions;
using Trax.Postbacks;

namespace Trax.Tests.Conversions;

/// <summary>The merge rule: each of status, amount and currency is set by the most recently received postback that carried it.</summary>
public sealed class ConversionStateTests
{
    // Postback ids sort by receipt: p1 was received before p2, and so on.
    private static readonly PostbackState Pending1 = new("p1", ConversionStatus.Pending, "pending", 25m, "EUR");
    private static readonly PostbackState Approved2 = new("p2", ConversionStatus.Approved, "approved", null, null);
    private static readonly PostbackState Rejected3 = new("p3", ConversionStatus.Rejected, "chargeback", null, null);
    private static readonly PostbackState Corrected4 = new("p4", ConversionStatus.Approved, "approved", 20m, "EUR");

    [Test]
    public void Apply_NewerPostback_SetsWhatItCarries()
    {
        var state = ConversionState.Of(Pending1).Apply(Approved2);

        Assert.That(state, Is.EqualTo(new ConversionState(ConversionStatus.Approved, "approved", "p2", 25m, "EUR", "p1")),
            "a status without a payout keeps the money");
    }

    [Test]
    public void Apply_OlderPostback_ChangesNothing()
    {
        var state = ConversionState.Of(Rejected3);

        Assert.That(state.Apply(Approved2), Is.EqualTo(state));
        Assert.That(state.Apply(Pending1).Status, Is.EqualTo(ConversionStatus.Rejected));
    }

    [Test]
    public void Apply_OlderPostbackWithMoney_SetsTheMoneyANewerOneDidNotCarry()
    {
        var state = ConversionState.Of(Rejected3).Apply(Pending1);

        Assert.That(state, Is.EqualTo(new ConversionState(ConversionStatus.Rejected, "chargeback", "p3", 25m, "EUR", "p1")));
    }

    [Test]
    public void Apply_EveryOrderOfFourPostbacksEachTwice_GivesTheSameState()
    {
        PostbackState[] postbacks = [Pending1, Approved2, Rejected3, Corrected4];
        var expected = new ConversionState(ConversionStatus.Approved, "approved", "p4", 20m, "EUR", "p4");

        foreach (var order in Permutations(postbacks))
        {
            var state = ConversionState.Of(order[0]);
            foreach (var postback in order.Concat(order.Reverse()))
            {
                state = state.Apply(postback);
            }

            Assert.That(state, Is.EqualTo(expected), string.Join(",", order.Select(p => p.PostbackId)));
        }
    }

    [Test]
    public void Apply_NoStatus_SaysNothingOfTheStatus()
    {
        var payoutOnly = new PostbackState("p4", null, null, 35m, "EUR");

        var state = ConversionState.Of(Pending1).Apply(Rejected3).Apply(payoutOnly);

        Assert.That((state.Status, state.StatusBy, state.Payout, state.MoneyBy), Is.EqualTo((ConversionStatus.Rejected, "p3", 35m, "p4")));
    }

    [Test]
    public void Of_NoStatus_IsApprovedUntilAnyPostbackSaysOtherwise()
    {
        var created = ConversionState.Of(new PostbackState("p2", null, null, 35m, "EUR"));

        Assert.That((created.Status, created.StatusBy), Is.EqualTo((ConversionStatus.Approved, ConversionState.Nobody)));
        Assert.That(created.Apply(Pending1).Status, Is.EqualTo(ConversionStatus.Pending), "an older status is still the only word on it");
    }

    [Test]
    public void Apply_AmountAlone_KeepsTheCurrencyInEveryOrder()
    {
        var withCurrency = new PostbackState("p1", null, null, 40m, "EUR");
        var amountAlone = new PostbackState("p2", null, null, 35m, null);

        var forward = ConversionState.Of(withCurrency).Apply(amountAlone);
        var backward = ConversionState.Of(amountAlone).Apply(withCurrency);

        Assert.That((forward.Payout, forward.Currency, forward.MoneyBy, forward.CurrencyBy), Is.EqualTo((35m, "EUR", "p2", "p1")));
        Assert.That(backward, Is.EqualTo(forward));
    }

    [Test]
    public void Apply_CurrencyWithoutAnAmount_ChangesNoMoney()
    {
        var state = ConversionState.Of(Pending1);

        Assert.That(state.Apply(new PostbackState("p2", null, null, null, "USD")), Is.EqualTo(state));
        Assert.That(state.Repeats(new PostbackState("p2", null, null, null, "USD")), Is.True);
    }

    [Test]
    public void Repeats_SameStatusAndMoney_IsADuplicate()
    {
        var state = ConversionState.Of(Pending1);

        Assert.That(state.Repeats(Pending1 with { PostbackId = "p9" }), Is.True);
        Assert.That(state.Repeats(Pending1 with { PostbackId = "p9", Payout = null, Currency = null }), Is.True, "no money says nothing of money");
        Assert.That(state.Repeats(Pending1 with { PostbackId = "p9", StatusRaw = "hold" }), Is.True, "the same status spelt differently");
        Assert.That(state.Repeats(Pending1 with { PostbackId = "p9", Payout = 25.01m }), Is.False);
        Assert.That(state.Repeats(Pending1 with { PostbackId = "p9", Currency = "USD" }), Is.False);
        Assert.That(state.Repeats(Approved2), Is.False);
    }

    [Test]
    public void SameAs_IgnoresWhoSetTheState()
    {
        var state = ConversionState.Of(Pending1);

        Assert.That(state.SameAs(state with { StatusBy = "p7", MoneyBy = "p8", StatusRaw = "hold" }), Is.True);
        Assert.That(state.SameAs(state with { Payout = 1m }), Is.False);
        Assert.That(state.SameAs(state with { Status = ConversionStatus.Approved }), Is.False);
    }

    private static IEnumerable<PostbackState[]> Permutations(PostbackState[] items) =>
        items.Length <= 1
            ? [items]
            : items.SelectMany((item, i) => Permutations([.. items[..i], .. items[(i + 1)..]]).Select(rest => (PostbackState[])[item, .. rest]));
}
