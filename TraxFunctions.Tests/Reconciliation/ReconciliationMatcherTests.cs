using Trax.Core;
using Trax.PostbackLog;
using Trax.Reconciliation;
using Trax.Storage;
using Trax.Zones;

namespace Trax.Tests.Reconciliation;

public sealed class ReconciliationMatcherTests
{
    private const string Network = "AffiliateWeb";
    private static readonly Zone Utc = Zone.Utc;
    private static readonly ZoneDayRange November = Utc.Days(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));
    private static readonly DateTimeOffset Mid = new(2026, 11, 15, 12, 0, 0, TimeSpan.Zero);

    private static ExportRow Row(long line, string clickId, ConversionType type = ConversionType.Sale, string? txId = "T-1",
        ConversionStatus? status = ConversionStatus.Approved, decimal? amount = 10m, DateTimeOffset? time = null) => new()
    {
        Line = line, ClickId = clickId, Type = type, TxId = txId, StatusRaw = status?.ToName(), Status = status, Amount = amount,
        Currency = amount is null ? null : "EUR", Time = time ?? Mid,
    };

    private static DayIndexEntry Conversion(string clickId, string type = "sale", string? txId = "T-1", string status = "approved",
        decimal? payout = 10m, DateTimeOffset? receivedAt = null, string network = Network) => new()
    {
        PostbackId = "p-" + clickId + type + txId, ReceivedAt = receivedAt ?? Mid.AddMinutes(1), Type = type, ClickId = clickId,
        ConversionKey = Keys.ConversionRow(type, txId), Network = network, Status = status, Payout = payout, Currency = payout is null ? null : "EUR",
    };

    private static PostbackLogEntry Refusal(string? clickId, string reason, string? txId = null) => new()
    {
        PostbackId = "r-" + clickId + reason, ReceivedAt = Mid, Type = "sale", Outcome = PostbackOutcomes.Rejected, ClickId = clickId,
        Source = new("GET", $"clickid={Uri.EscapeDataString(clickId ?? "")}&network={Network}&txid={Uri.EscapeDataString(txId ?? "")}"), Network = Network, Reason = reason,
    };

    private static IReadOnlyList<ReconciliationRow> Match(IReadOnlyList<ExportRow> export, TraxEvidence evidence) =>
        ReconciliationMatcher.Match(export, evidence, November, Network);

    private static TraxEvidence Evidence(IReadOnlyList<DayIndexEntry>? conversions = null, IReadOnlyList<PostbackLogEntry>? refused = null,
        IReadOnlyList<PostbackMessage>? queued = null, IReadOnlyList<PostbackMessage>? poison = null) =>
        new(conversions ?? [], refused ?? [], queued ?? [], poison ?? []);

    private static PostbackMessage Message(string clickId) => new()
    {
        Version = 1, Id = "q-" + clickId, Type = ConversionType.Sale, ClickId = clickId, TxId = "T-1", ReceivedAt = Mid,
    };

    [Test]
    public void Match_OneOfEach_PutsEveryRowAndConversionInExactlyOneCategory()
    {
        var export = new[]
        {
            Row(2, "matched"), Row(3, "status", status: ConversionStatus.Rejected), Row(4, "cent", amount: 10.01m),
            Row(5, "refused"), Row(6, "poisoned"), Row(7, "queued"), Row(8, "other"), Row(9, "never"), Row(10, "matched"),
            Row(11, "late", time: new DateTimeOffset(2026, 11, 30, 23, 59, 0, TimeSpan.Zero)), Row(12, "before", time: new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.Zero)),
            Row(13, ""),
        };
        var evidence = Evidence(
            [
                Conversion("matched"), Conversion("status"), Conversion("cent"), Conversion("other", txId: "T-2"), Conversion("trax-only", status: "pending"),
                Conversion("late", receivedAt: new DateTimeOffset(2026, 12, 1, 0, 1, 0, TimeSpan.Zero)),
                Conversion("outside-trax-only", receivedAt: new DateTimeOffset(2026, 12, 1, 0, 1, 0, TimeSpan.Zero)),
                Conversion("someone-else", network: "OtherNet"),
            ],
            [Refusal("refused", "invalid-token")],
            [Message("queued")],
            [Message("poisoned")]);

        var rows = Match(export, evidence);

        Assert.That(rows.Select(r => $"{r.Line}:{r.ClickId}:{r.Category}:{r.Reason}"), Is.EqualTo(new[]
        {
            "2:matched:matched:", "3:status:status-differs:", "4:cent:amount-differs:", "5:refused:only-in-export:refused",
            "6:poisoned:only-in-export:poison", "7:queued:only-in-export:queued", "8:other:only-in-export:other-type-or-txid",
            "9:never:only-in-export:never-arrived", "10:matched:duplicate:", "11:late:outside-period:", "12:before:outside-period:",
            "13::only-in-export:no-clickid", ":other:only-in-trax:", ":trax-only:only-in-trax:",
        }));
        Assert.That(rows.Single(r => r.Line == 5).LogReason, Is.EqualTo("invalid-token"));
        Assert.That(rows.Single(r => r.Line == 10).DuplicateOfLine, Is.EqualTo(2));
        Assert.That(rows.Single(r => r.ClickId == "trax-only").TraxStatus, Is.EqualTo("pending"));
        Assert.That((rows.Single(r => r.Line == 4).ExportAmount, rows.Single(r => r.Line == 4).TraxAmount), Is.EqualTo(((decimal?)10.01m, (decimal?)10m)));

        // The period's Trax conversions: matched, status, cent, other, trax-only (late was received after it ends).
        Assert.That(rows.Count(r => r.TraxInPeriod), Is.EqualTo(5));
        Assert.That(rows.Count(r => r.Line is not null), Is.EqualTo(export.Length));
    }

    [Test]
    public void Match_ExportWithoutTxIds_FallsBackToClickIdAndType()
    {
        var export = new[] { Row(2, "c-1", txId: null), Row(3, "c-1", txId: null, amount: 20m) };
        var evidence = Evidence([Conversion("c-1", txId: "T-9", payout: 20m, receivedAt: Mid.AddHours(1)), Conversion("c-1", txId: "T-8", receivedAt: Mid.AddSeconds(30))]);

        var rows = Match(export, evidence);

        // Each row pairs with the conversion received closest to its time (T-8, 30 s after it), the next with the other.
        Assert.That(rows.Select(r => $"{r.Category}:{r.ConversionId}"), Is.EqualTo(new[] { "matched:c-1/sale:T-8", "matched:c-1/sale:T-9" }));
        Assert.That(rows.Count(r => r.Category == ReconciliationCategories.OnlyInTrax), Is.Zero);
    }

    [Test]
    public void Match_RowWithoutATime_PairsWithTheConversionReceivedInThePeriodNotOneFromTheMargin()
    {
        // The customer bought twice: on 30 October (read only as the period's margin) and on 10 November. The
        // export of November has no time column and no txid: its one row is the November sale.
        var export = new[] { Row(2, "c-1", txId: null) with { Time = null } };
        var evidence = Evidence([
            Conversion("c-1", txId: "T-1", receivedAt: new DateTimeOffset(2026, 10, 30, 12, 0, 0, TimeSpan.Zero)),
            Conversion("c-1", txId: "T-2", receivedAt: new DateTimeOffset(2026, 11, 10, 12, 0, 0, TimeSpan.Zero)),
        ]);

        var rows = Match(export, evidence);

        Assert.That(rows.Select(r => $"{r.Category}:{r.ConversionId}"), Is.EqualTo(new[] { "matched:c-1/sale:T-2" }));
    }

    [Test]
    public void Match_ASecondRowOfTheSameClickAndTypeWithoutTxId_IsNeverArrivedNotAnotherTypeOrTxId()
    {
        // Two sales of c-1 in an export without txids; Trax received one. The second row's sale never came: the
        // conversion Trax has is of the same type and is the first row's, not one "of another type or txid".
        var export = new[] { Row(2, "c-1", txId: null), Row(3, "c-1", txId: null, amount: 20m, time: Mid.AddHours(2)) };

        var rows = Match(export, Evidence([Conversion("c-1", txId: "T-1")]));

        Assert.That(rows.Select(r => $"{r.Line}:{r.Category}:{r.Reason}:{r.ConversionId}"), Is.EqualTo(new[]
        {
            "2:matched::c-1/sale:T-1", "3:only-in-export:never-arrived:",
        }));
    }

    [Test]
    public void Match_ASecondRowOfAClickAndTypeTraxKeepsOneConversionOf_IsTheSameConversionNotNeverArrived()
    {
        // Two FTDs of c-1 in the export; Trax keeps one FTD of a click (no txid), which the first row took. Had the
        // second postback come, Trax would have counted it as that conversion's duplicate or update: "the network did
        // not fire it" would be a guess, and the row names the conversion instead.
        var export = new[] { Row(2, "c-1", ConversionType.Ftd, txId: null), Row(3, "c-1", ConversionType.Ftd, txId: null, amount: 20m, time: Mid.AddHours(2)) };

        var rows = Match(export, Evidence([Conversion("c-1", "ftd", txId: null)]));
        var withARegistration = Match(export, Evidence([Conversion("c-1", "ftd", txId: null), Conversion("c-1", "reg", txId: null)]));

        Assert.That(rows.Select(r => $"{r.Line}:{r.Category}:{r.Reason}:{r.ConversionId}"), Is.EqualTo(new[]
        {
            "2:matched::c-1/ftd", "3:only-in-export:same-conversion:c-1/ftd",
        }));
        Assert.That(withARegistration.Where(r => r.Line == 3).Select(r => $"{r.Reason}:{r.ConversionId}"), Is.EqualTo(new[] { "same-conversion:c-1/ftd" }),
            "the click's registration is not why an FTD row has no conversion of its own");
    }

    [Test]
    public void Match_ExportWithoutTxIdsRepeatingARowWithItsAmountWrittenAnotherWay_IsADuplicate()
    {
        // The same sale twice in an export without txids, its amount once written 100 and once 100.00: one value.
        var export = new[] { Row(2, "c-1", txId: null, amount: 100m), Row(3, "c-1", txId: null, amount: 100.00m), Row(4, "c-1", txId: null, amount: 100.0000m) };

        var rows = Match(export, Evidence([Conversion("c-1", txId: "T-1", payout: 100m)]));

        Assert.That(rows.Select(r => $"{r.Line}:{r.Category}:{r.DuplicateOfLine}"), Is.EqualTo(new[] { "2:matched:", "3:duplicate:2", "4:duplicate:2" }));
    }

    [Test]
    public void Match_ExportWithoutTxIdsAndAmountsThatDiffer_AreTwoRows()
    {
        var export = new[] { Row(2, "c-1", txId: null, amount: 100m), Row(3, "c-1", txId: null, amount: 100.01m) };

        var rows = Match(export, Evidence([Conversion("c-1", txId: "T-1", payout: 100m)]));

        Assert.That(rows.Select(r => $"{r.Line}:{r.Category}"), Is.EqualTo(new[] { "2:matched", "3:only-in-export" }));
    }

    [Test]
    public void Match_BlankTxIdsOfTheSameClickAndTypeThatDiffer_AreTwoRowsNotDuplicates()
    {
        // Two sales of c-1 whose txid cells are blank: as in an export without a txid column, they are two conversions
        // unless they say the same (Trax's own rule: a repeat without txid is a duplicate only when it says nothing new).
        var export = new[] { Row(2, "c-1", txId: null, amount: 10m), Row(3, "c-1", txId: null, amount: 20m, time: Mid.AddHours(2)) };

        var rows = Match(export, Evidence([Conversion("c-1", txId: "T-1"), Conversion("c-1", txId: "T-2", payout: 20m, receivedAt: Mid.AddHours(2))]));

        Assert.That(rows.Select(r => $"{r.Line}:{r.Category}:{r.ConversionId}"), Is.EqualTo(new[] { "2:matched:c-1/sale:T-1", "3:matched:c-1/sale:T-2" }));
    }

    [Test]
    public void Match_BlankTxIdsOfTheSameClickAndTypeSayingTheSame_AreADuplicate()
    {
        var export = new[] { Row(2, "c-1", txId: null, amount: 100m), Row(3, "c-1", txId: null, amount: 100.00m) };

        var rows = Match(export, Evidence([Conversion("c-1", txId: null, payout: 100m)]));

        Assert.That(rows.Select(r => $"{r.Line}:{r.Category}:{r.DuplicateOfLine}"), Is.EqualTo(new[] { "2:matched:", "3:duplicate:2" }));
    }

    [Test]
    public void Match_TraxConversionWithoutTxIdAndAnExportWithOne_StillPair()
    {
        var rows = Match([Row(2, "c-1", ConversionType.Ftd, txId: "PLAYER-7")], Evidence([Conversion("c-1", "ftd", txId: null)]));

        Assert.That(rows.Select(r => r.Category), Is.EqualTo(new[] { "matched" }));
    }

    [Test]
    public void Match_RefusalWithAnUnreplacedMacroAsClickId_IsFoundByTheNetworksTxId()
    {
        var rows = Match([Row(2, "c-1", txId: "T-77")], Evidence(refused: [Refusal("{clickid}", "unreplaced-macro", txId: "T-77")]));

        Assert.That((rows[0].Reason, rows[0].LogReason), Is.EqualTo(("refused", "unreplaced-macro")));
    }

    [Test]
    public void Match_RefusalOfAnotherTypeOrTxIdOfTheSameClick_DoesNotExplainARow()
    {
        // The click's refused sale T-1 (its token had rotated) is not the FTD, nor the sale T-2, the network reports.
        var rows = Match(
            [Row(2, "c-1", ConversionType.Ftd, txId: null), Row(3, "c-1", txId: "T-2"), Row(4, "c-1", txId: "T-1")],
            Evidence([Conversion("c-1", "reg", txId: null)], [Refusal("c-1", "invalid-token", txId: "T-1")]));

        Assert.That(rows.Where(r => r.Line is not null).Select(r => $"{r.Line}:{r.Reason}:{r.LogReason}"),
            Is.EqualTo(new[] { "2:other-type-or-txid:", "3:other-type-or-txid:", "4:refused:invalid-token" }));
    }

    [Test]
    public void Totals_CategoriesAddUpToTheExportsRowsAndTraxsConversions()
    {
        var rows = Match(
            [Row(2, "a"), Row(3, "a"), Row(4, "b", amount: 5m), Row(5, "c")],
            Evidence([Conversion("a"), Conversion("b"), Conversion("d")]));

        var totals = ReconciliationSummary.Totals(rows);

        Assert.That(totals.Sum(t => t.ExportRows), Is.EqualTo(4));
        Assert.That(totals.Sum(t => t.TraxConversions), Is.EqualTo(3));
        Assert.That(totals.Single(t => t.Category == "amount-differs").ExportAmounts, Is.EqualTo(new[] { new CurrencyAmount("EUR", 5m) }));
        Assert.That(totals.Single(t => t.Category == "amount-differs").TraxAmounts, Is.EqualTo(new[] { new CurrencyAmount("EUR", 10m) }));
    }
}
