using Trax.Conversions;
using Trax.Core;
using Trax.PostbackLog;
using Trax.Storage;
using Trax.Zones;

namespace Trax.Reconciliation;

/// <summary>
/// The one decider of a reconciliation: puts every export row and every Trax conversion of the period in exactly one
/// category. Pure: it reads nothing, so a run is the same whenever it is computed from the same evidence.
/// <list type="number">
/// <item>An export row repeating an earlier one's key (click id, type, txid; a row without a txid, a blank cell or
/// no txid column, all its values) is a <c>duplicate</c> and is not matched again. As Trax's own rule: a postback
/// without txid repeats a conversion as a duplicate only when it says nothing new, and two rows of one click and type
/// that say different things may be two conversions whose postbacks carried txids.</item>
/// <item>Matching is on Trax's own key: click id and conversion key (type, txid). A row left over then pairs with a
/// conversion of the same click and type when either side has no txid (a network that sends no txid in its
/// postback, or an export without one), the one received closest to the row's time (a row without a time: the
/// first received in the period, else the first received).</item>
/// <item>A pair with either time outside the period is <c>outside-period</c>; else a different status is
/// <c>status-differs</c>, else a different amount or currency <c>amount-differs</c>, else <c>matched</c>.</item>
/// <item>A row no conversion pairs with is <c>only-in-export</c> with what Trax saw (<see cref="MissingReasons"/>),
/// or <c>outside-period</c> when its time is; a conversion received in the period that no row pairs with is
/// <c>only-in-trax</c>. Conversions received outside the period (read so that pairs across its edges are found)
/// that no row pairs with are not part of the result.</item>
/// </list>
/// </summary>
public static class ReconciliationMatcher
{
    public static IReadOnlyList<ReconciliationRow> Match(
        IReadOnlyList<ExportRow> export, TraxEvidence evidence, ZoneDayRange period, string network)
    {
        bool InPeriod(DateTimeOffset t) => t >= period.Start && t < period.End;
        var conversions = evidence.Conversions
            .Where(c => string.Equals(c.Network, network, StringComparison.OrdinalIgnoreCase))
            .OrderBy(c => c.ReceivedAt).ThenBy(c => c.PostbackId, StringComparer.Ordinal)
            .ToList();
        var paired = new int?[export.Count];
        var taken = new bool[conversions.Count];
        var byKey = new Dictionary<(string, string), int>();
        var byClick = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < conversions.Count; i++)
        {
            byKey.TryAdd((conversions[i].ClickId, conversions[i].ConversionKey), i);
            (byClick.TryGetValue(conversions[i].ClickId, out var list) ? list : byClick[conversions[i].ClickId] = []).Add(i);
        }

        // 1. Duplicates: the first row with a key is the row; later ones only point at it.
        // The values, not their text: an amount is a decimal (100 and 100.00 are one amount), a time its instant.
        var firstLine = new Dictionary<(string, ConversionType, string?, string?, decimal?, string?, long?), int>();
        var duplicateOf = new int?[export.Count];
        for (var r = 0; r < export.Count; r++)
        {
            var row = export[r];
            var key = row.TxId is not null
                ? (row.ClickId, row.Type, row.TxId, null, null, null, null)
                : (row.ClickId, row.Type, (string?)null, row.StatusRaw, row.Amount, row.Currency, row.Time?.UtcTicks);
            if (firstLine.TryGetValue(key, out var first))
            {
                duplicateOf[r] = first;
            }
            else
            {
                firstLine[key] = r;
            }
        }

        // 2. Trax's own key, then the fallback on (click id, type) when either side has no txid.
        for (var r = 0; r < export.Count; r++)
        {
            var row = export[r];
            if (duplicateOf[r] is null && row.ClickId.Length > 0
                && byKey.TryGetValue((row.ClickId, Keys.ConversionRow(row.Type.ToName(), row.TxId)), out var c) && !taken[c])
            {
                (paired[r], taken[c]) = (c, true);
            }
        }

        for (var r = 0; r < export.Count; r++)
        {
            var row = export[r];
            if (duplicateOf[r] is not null || paired[r] is not null || !byClick.TryGetValue(row.ClickId, out var candidates))
            {
                continue;
            }

            var type = row.Type.ToName();
            var best = candidates
                .Where(c => !taken[c] && conversions[c].Type == type && (row.TxId is null || conversions[c].ConversionKey == type))
                // A row without a time takes one received in the period before one read only as its margin.
                .OrderBy(c => row.Time is { } t ? Math.Abs((conversions[c].ReceivedAt - t).Ticks) : InPeriod(conversions[c].ReceivedAt) ? 0 : 1)
                .Cast<int?>()
                .FirstOrDefault();
            if (best is { } b)
            {
                (paired[r], taken[b]) = (b, true);
            }
        }

        // 3. A category per row, then Trax's conversions no row took.
        var refusals = new Refusals(evidence.Refused, network);
        var result = new List<ReconciliationRow>(export.Count + conversions.Count);
        for (var r = 0; r < export.Count; r++)
        {
            var row = export[r];
            var exportSide = ExportSide(r + 1, row);
            if (duplicateOf[r] is { } first)
            {
                result.Add(exportSide with { Category = ReconciliationCategories.Duplicate, DuplicateOfLine = export[first].Line });
                continue;
            }

            var exportOutside = row.Time is { } time && !InPeriod(time);
            if (paired[r] is { } c)
            {
                var conversion = conversions[c];
                var traxIn = InPeriod(conversion.ReceivedAt);
                var category = exportOutside || !traxIn ? ReconciliationCategories.OutsidePeriod
                    : row.Status is { } status && status.ToName() != conversion.Status ? ReconciliationCategories.StatusDiffers
                    : (row.Amount is { } amount && amount != conversion.Payout)
                        || (row.Currency is { } currency && !string.Equals(currency, conversion.Currency, StringComparison.OrdinalIgnoreCase))
                        ? ReconciliationCategories.AmountDiffers
                    : ReconciliationCategories.Matched;
                result.Add(WithTrax(exportSide with { Category = category }, conversion, traxIn));
                continue;
            }

            if (exportOutside)
            {
                result.Add(exportSide with { Category = ReconciliationCategories.OutsidePeriod });
                continue;
            }

            result.Add(Explain(exportSide with { Category = ReconciliationCategories.OnlyInExport }, row, refusals, evidence, conversions, byClick));
        }

        var seq = export.Count;
        for (var c = 0; c < conversions.Count; c++)
        {
            if (!taken[c] && InPeriod(conversions[c].ReceivedAt))
            {
                var conversion = conversions[c];
                result.Add(WithTrax(
                    new ReconciliationRow
                    {
                        Seq = ++seq,
                        Category = ReconciliationCategories.OnlyInTrax,
                        ClickId = conversion.ClickId,
                        Type = conversion.Type,
                        TxId = TxIdOf(conversion),
                    },
                    conversion,
                    traxIn: true));
            }
        }

        return result;
    }

    /// <summary>Why Trax has no conversion for a row: the first of refused, poison, queued, no click id, the same conversion, another one, never arrived.</summary>
    private static ReconciliationRow Explain(
        ReconciliationRow row, ExportRow export, Refusals refusals, TraxEvidence evidence, List<DayIndexEntry> conversions, Dictionary<string, List<int>> byClick)
    {
        var type = export.Type;
        if (refusals.Find(export) is { } refused)
        {
            return row with { Reason = MissingReasons.Refused, LogReason = refused.Reason, LogTime = refused.ReceivedAt, PostbackId = refused.PostbackId };
        }

        bool Same(PostbackMessage m) => m.ClickId == export.ClickId && m.Type == type && (export.TxId is null || m.TxId is null || m.TxId == export.TxId);
        if (export.ClickId.Length > 0 && evidence.Poison.FirstOrDefault(Same) is { } poisoned)
        {
            return row with { Reason = MissingReasons.Poison, PostbackId = poisoned.Id, LogTime = poisoned.ReceivedAt };
        }

        if (export.ClickId.Length > 0 && evidence.Queued.FirstOrDefault(Same) is { } queued)
        {
            return row with { Reason = MissingReasons.Queued, PostbackId = queued.Id, LogTime = queued.ReceivedAt };
        }

        if (!Input.ClickId.IsValid(export.ClickId))
        {
            return row with { Reason = MissingReasons.NoClickId };
        }

        // Trax keeps one conversion of a click and type without txid, and another row took it: this row's postback,
        // had it come, was counted as that one (a duplicate or an update), so "never arrived" would be a guess.
        List<DayIndexEntry> ofClick = byClick.TryGetValue(export.ClickId, out var indexes) ? [.. indexes.Select(i => conversions[i])] : [];
        if (export.TxId is null && ofClick.FirstOrDefault(c => c.ConversionKey == type.ToName()) is { } kept)
        {
            return row with
            {
                Reason = MissingReasons.SameConversion,
                ConversionId = ConversionKeys.ConversionId(kept.ClickId, kept.ConversionKey),
                PostbackId = kept.PostbackId,
            };
        }

        // A conversion the row could have paired with (same type, a side without txid) went to another row: it is
        // not one of another type or txid.
        bool Another(DayIndexEntry c) => c.Type != type.ToName() || (export.TxId is not null && c.ConversionKey != type.ToName());
        if (ofClick.FirstOrDefault(Another) is { } other)
        {
            return row with
            {
                Reason = MissingReasons.OtherTypeOrTxId,
                ConversionId = ConversionKeys.ConversionId(other.ClickId, other.ConversionKey),
                PostbackId = other.PostbackId,
            };
        }

        return row with { Reason = MissingReasons.NeverArrived };
    }

    private static ReconciliationRow ExportSide(int seq, ExportRow row) => new()
    {
        Seq = seq,
        Category = "",
        ClickId = row.ClickId,
        Type = row.Type.ToName(),
        TxId = row.TxId,
        Line = row.Line,
        ExportStatus = row.StatusRaw,
        ExportStatusAs = row.Status?.ToName(),
        ExportAmount = row.Amount,
        ExportCurrency = row.Currency,
        ExportTime = row.Time,
    };

    private static ReconciliationRow WithTrax(ReconciliationRow row, DayIndexEntry conversion, bool traxIn) => row with
    {
        TraxStatus = conversion.Status,
        TraxAmount = conversion.Payout,
        TraxCurrency = conversion.Currency,
        TraxReceivedAt = conversion.ReceivedAt,
        TraxInPeriod = traxIn,
        ConversionId = ConversionKeys.ConversionId(conversion.ClickId, conversion.ConversionKey),
        PostbackId = conversion.PostbackId,
    };

    /// <summary>The txid in a conversion key (<c>sale:T-1</c>), when the key is not a bounded one.</summary>
    private static string? TxIdOf(DayIndexEntry conversion)
    {
        var separator = conversion.ConversionKey.IndexOf(Keys.RowSeparator);
        return separator < 0 || conversion.ConversionKey.Contains(Keys.HashMark) ? null : Keys.Decode(conversion.ConversionKey[(separator + 1)..]);
    }
}
