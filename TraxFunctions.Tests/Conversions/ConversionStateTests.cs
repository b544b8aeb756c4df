using Trax.Conversions;
using Trax.Core;

namespace Trax.Tests.Conversions;

/// <summary>
/// The update rule alone: the state is made from the set of a conversion's postbacks; each of status, amount and
/// currency comes from the most recently received one that carried it, a postback sent again counting as received
/// when it was first sent.
/// </summary>
public sealed class ConversionStateTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromDays(7);

    // Postback ids sort by receipt: p1 was received before p2, and so on, a minute apart.
    private static readonly PostbackState Pending1 = Said("p1", ConversionStatus.Pending, "pending", 25m, "EUR");
    private static readonly PostbackState Approved2 = Said("p2", ConversionStatus.Approved, "approved", null, null);
    private static readonly PostbackState Rejected3 = Said("p3", ConversionStatus.Rejected, "chargeback", null, null);
    private static readonly PostbackState Corrected4 = Said("p4", ConversionStatus.Approved, "approved", 20m, "EUR");

    [Test]
    public void Of_AnyOnePostback_IsWhatTheFoldMakesOfIt(
        [Values(null, ConversionStatus.Pending, ConversionStatus.Approved, ConversionStatus.Rejected)] ConversionStatus? status,
        [Values(null, 0, 25.5)] double? payout,
        [Values(null, "EUR")] string? currency)
    {
        var postback = Said("p1", status, "paid", payout is null ? null : (decimal)payout, currency) with { Uploaded = status == ConversionStatus.Rejected, UploadFile = "f", UploadLine = 3 };

        var state = ConversionState.Of(postback);

        Assert.That(state, Is.EqualTo(ConversionState.Fold([postback], TimeSpan.Zero)), "status, its raw text and who set it; money, currency and who set them");
        Assert.That(state.Version, Is.EqualTo(1));
    }

    [Test]
    public void Fold_NewerPostback_SetsWhatItCarries()
    {
        var state = Fold(Pending1, Approved2);

        Assert.That(state, Is.EqualTo(new ConversionState(ConversionStatus.Approved, "approved", "p2", 25m, "EUR", "p1")),
            "a status without a payout keeps the money");
    }

    [Test]
    public void Fold_OlderPostbackWithMoney_SetsTheMoneyANewerOneDidNotCarry()
    {
        Assert.That(Fold(Rejected3, Pending1), Is.EqualTo(new ConversionState(ConversionStatus.Rejected, "chargeback", "p3", 25m, "EUR", "p1")));
    }

    [Test]
    public void Fold_EveryOrderOfFourPostbacksEachTwice_GivesTheSameState()
    {
        PostbackState[] postbacks = [Pending1, Approved2, Rejected3, Corrected4];
        var expected = new ConversionState(ConversionStatus.Approved, "approved", "p4", 20m, "EUR", "p4");

        foreach (var order in Permutations(postbacks))
        {
            Assert.That(Fold([.. order, .. order.Reverse()]), Is.EqualTo(expected), string.Join(",", order.Select(p => p.PostbackId)));
        }
    }

    [Test]
    public void Fold_NoStatus_SaysNothingOfTheStatus()
    {
        var state = Fold(Pending1, Rejected3, Said("p4", null, null, 35m, "EUR"));

        Assert.That((state.Status, state.StatusBy, state.Payout, state.MoneyBy), Is.EqualTo((ConversionStatus.Rejected, "p3", 35m, "p4")));
    }

    [Test]
    public void Of_NoStatus_IsApprovedUntilAnyPostbackSaysOtherwise()
    {
        var payoutOnly = Said("p2", null, null, 35m, "EUR");
        var created = ConversionState.Of(payoutOnly);

        Assert.That((created.Status, created.StatusBy, created.Version), Is.EqualTo((ConversionStatus.Approved, ConversionState.Nobody, 1L)));
        Assert.That(Fold(payoutOnly, Pending1).Status, Is.EqualTo(ConversionStatus.Pending), "an older status is still the only word on it");
    }

    [Test]
    public void Fold_AmountAlone_KeepsTheCurrencyInEveryOrder()
    {
        var withCurrency = Said("p1", null, null, 40m, "EUR");
        var amountAlone = Said("p2", null, null, 35m, null);

        var state = Fold(withCurrency, amountAlone);

        Assert.That((state.Payout, state.Currency, state.MoneyBy, state.CurrencyBy), Is.EqualTo((35m, "EUR", "p2", "p1")));
        Assert.That(Fold(amountAlone, withCurrency), Is.EqualTo(state));
    }

    [Test]
    public void Fold_CurrencyWithoutAnAmount_ChangesNoMoney()
    {
        var currencyAlone = Said("p2", null, null, null, "USD");

        Assert.That(Fold(Pending1, currencyAlone), Is.EqualTo(Fold(Pending1)));
        Assert.That(ConversionState.Of(Pending1).Repeats(currencyAlone), Is.True);
    }

    [Test]
    public void Fold_NetworkResendWithinTheWindow_CountsAsTheFirstSendingInEveryOrder()
    {
        // pending 40, chargeback, the pending URL again: the resend is not a newer word.
        var pending = Said("p1", ConversionStatus.Pending, "pending", 40m, "EUR");
        var chargeback = Said("p2", ConversionStatus.Rejected, "chargeback", null, null);
        var resend = pending with { PostbackId = "p3", ReceivedAt = At.AddHours(6) };

        foreach (var order in Permutations([pending, chargeback, resend]))
        {
            Assert.That(Fold(order), Is.EqualTo(new ConversionState(ConversionStatus.Rejected, "chargeback", "p2", 40m, "EUR", "p1")),
                string.Join(",", order.Select(p => p.PostbackId)));
        }
    }

    [Test]
    public void Fold_ResendChain_CountsFromItsFirstEvenPastOneWindow()
    {
        // A network retrying every 4 days: each retry is within the window of the one before.
        var pending = Said("p1", ConversionStatus.Pending, "pending", 40m, "EUR");
        var chargeback = Said("p2", ConversionStatus.Rejected, "chargeback", null, null) with { ReceivedAt = At.AddDays(1) };

        var state = Fold(pending, chargeback, pending with { PostbackId = "p3", ReceivedAt = At.AddDays(4) }, pending with { PostbackId = "p4", ReceivedAt = At.AddDays(8) });

        Assert.That(state.Status, Is.EqualTo(ConversionStatus.Rejected));
    }

    [Test]
    public void Fold_SameWordsAfterTheWindow_AreANewWord()
    {
        var approved = Said("p1", ConversionStatus.Approved, "approved", 40m, "EUR");
        var chargeback = Said("p2", ConversionStatus.Rejected, "chargeback", null, null);

        var state = Fold(approved, chargeback, approved with { PostbackId = "p3", ReceivedAt = At.AddDays(8) });

        Assert.That((state.Status, state.StatusBy), Is.EqualTo((ConversionStatus.Approved, "p3")));
    }

    [Test]
    public void Fold_ResendWithAnotherPayout_IsANewWord()
    {
        var state = Fold(Pending1, Rejected3, Pending1 with { PostbackId = "p4", Payout = 26m });

        Assert.That((state.Status, state.Payout), Is.EqualTo((ConversionStatus.Pending, 26m)));
    }

    [Test]
    public void Fold_UploadRowsOfOneFile_CountWhereTheFileWasFirstUploadedAndInRowOrder()
    {
        // Uploaded: pending (line 2), approved (line 3); then the network's chargeback; then the same file again.
        var pending = Said("u2", ConversionStatus.Pending, "pending", 25m, "EUR") with { Uploaded = true, UploadFile = "f", UploadLine = 2 };
        var approved = Said("u3", ConversionStatus.Approved, "approved", 25m, "EUR") with { Uploaded = true, UploadFile = "f", UploadLine = 3 };
        var chargeback = Said("v1", ConversionStatus.Rejected, "chargeback", null, null);
        PostbackState[] again = [pending with { PostbackId = "w2" }, approved with { PostbackId = "w3" }];

        Assert.That(Fold(pending, approved).Status, Is.EqualTo(ConversionStatus.Approved), "a later row wins");
        Assert.That(Fold([pending, approved, chargeback, .. again]).Status, Is.EqualTo(ConversionStatus.Rejected), "the file again changes nothing");
        Assert.That(Fold([chargeback, .. again, approved]).Status, Is.EqualTo(ConversionStatus.Rejected),
            "the second upload's rows processed before the first's, and a row of the first never processed: the same");
        Assert.That(Fold(pending, approved, chargeback, approved with { PostbackId = "x3", UploadFile = "g" }).Status, Is.EqualTo(ConversionStatus.Approved),
            "another file is a new word");
    }

    [Test]
    public void Fold_UploadRowSayingWhatTheNetworkSaid_IsANewWord()
    {
        var network = Said("p1", ConversionStatus.Approved, "approved", 40m, "EUR");
        var upload = network with { PostbackId = "p3", Uploaded = true, UploadFile = "f", UploadLine = 2 };

        Assert.That(Fold(network, Rejected3 with { PostbackId = "p2" }, upload).Status, Is.EqualTo(ConversionStatus.Approved),
            "an operator's correction is never a network's resend");
    }

    [Test]
    public void Redundant_PostbackLeftOut_ChangesNoStateWithAnyPostbacksToCome()
    {
        // The claim that lets a retry storm leave no rows: a postback the order calls redundant (the same words in the
        // same minute, the same upload row) can be dropped, and every state made later is the same. Random sets, fixed seed.
        var random = new Random(20261125);
        var checkedOnes = 0;
        for (var run = 0; run < 6000; run++)
        {
            var words = Enumerable.Range(0, random.Next(2, 9)).Select(_ => RandomWord(random)).DistinctBy(w => w.PostbackId).ToList();
            var order = new PostbackOrder(words, TimeSpan.FromMinutes(30));
            foreach (var word in words.Where(w => order.Redundant(w.PostbackId) is not null))
            {
                var later = Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomWord(random)).Where(w => words.All(x => x.PostbackId != w.PostbackId)).ToList();
                var kept = words.Where(w => w != word).Concat(later).ToList();
                Assert.That(ConversionState.Fold(kept, TimeSpan.FromMinutes(30)), Is.EqualTo(ConversionState.Fold([.. kept, word], TimeSpan.FromMinutes(30))),
                    string.Join(" ", kept.Append(word).Select(w => $"{w.PostbackId}@{w.ReceivedAt:HH:mm:ss}:{w.StatusRaw}/{w.Payout}/{w.UploadFile}{w.UploadLine}")));
                checkedOnes++;
            }
        }

        Assert.That(checkedOnes, Is.GreaterThan(300), "redundant postbacks were found and checked");
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

    private static PostbackState Said(string id, ConversionStatus? status, string? raw, decimal? payout, string? currency) =>
        new(id, status, raw, payout, currency) { ReceivedAt = At.AddMinutes(id[1] - '0') };

    private static ConversionState Fold(params PostbackState[] postbacks) => ConversionState.Fold(postbacks, Window);

    /// <summary>A postback from a small space (ids p10–p59, seconds apart over two hours, two words, two upload rows), so that collisions are common.</summary>
    private static PostbackState RandomWord(Random random)
    {
        var id = random.Next(10, 60);
        var upload = random.Next(4) == 0;
        var pending = random.Next(2) == 0;
        return new PostbackState($"p{id}", pending ? ConversionStatus.Pending : ConversionStatus.Rejected, pending ? "pending" : "chargeback",
            random.Next(3) == 0 ? 40m : null, "EUR")
        {
            ReceivedAt = At.AddSeconds(id * 150),
            Uploaded = upload, UploadFile = upload ? "f" : null, UploadLine = upload ? random.Next(2, 4) : 0,
        };
    }

    private static IEnumerable<PostbackState[]> Permutations(PostbackState[] items) =>
        items.Length <= 1
            ? [items]
            : items.SelectMany((item, i) => Permutations([.. items[..i], .. items[(i + 1)..]]).Select(rest => (PostbackState[])[item, .. rest]));
}
