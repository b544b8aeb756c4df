using Trax.Reconciliation;

namespace Trax.Tests.Reconciliation;

public sealed class ReconciliationKeysTests
{
    [Test]
    public void Row_KeysOfEverySeqARunCanHave_SortInSeqOrder()
    {
        // An export has at most 100,000 rows, but only-in-trax rows follow them, one per conversion of the network in
        // the period (up to 62 days, no cap): a run can have more than 999,999 rows.
        int[] seqs = [1, 99_999, 100_000, 999_999, 1_000_000, 10_000_000, int.MaxValue];

        var keys = seqs.Select(seq => ReconciliationKeys.Row("only-in-trax", seq)).ToList();

        Assert.That(keys, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
    }

    [Test]
    public void Rows_OfACategory_HoldKeysWrittenWithTheOldSixDigitWidth_InTheirOrder()
    {
        // Runs stored before the width grew keep their keys; each run was written in one width, so its keys sort by seq.
        var (from, to) = ReconciliationKeys.Rows("matched");
        string[] old = ["row-matched-000001", "row-matched-000002", "row-matched-100000", "row-matched-999999"];

        Assert.That(old, Is.All.Matches<string>(key => string.CompareOrdinal(key, from) >= 0 && string.CompareOrdinal(key, to) < 0));
        Assert.That(old, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
    }
}
