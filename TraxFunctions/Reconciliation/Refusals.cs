using Trax.Core;
using Trax.PostbackLog;

namespace Trax.Reconciliation;

/// <summary>Refused postbacks by click id (any network: a click id is Trax's own), and by the network's txid.</summary>
internal sealed class Refusals
{
    private readonly Dictionary<string, List<PostbackLogEntry>> byClick = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PostbackLogEntry>> byTxId = new(StringComparer.Ordinal);

    public Refusals(IEnumerable<PostbackLogEntry> refused, string network)
    {
        foreach (var entry in refused.OrderBy(e => e.ReceivedAt))
        {
            if (entry.ClickId is { Length: > 0 } clickId)
            {
                (byClick.TryGetValue(clickId, out var list) ? list : byClick[clickId] = []).Add(entry);
            }

            // A refusal's log row keeps the query as sent, not its parsed txid.
            if (TxIdOf(entry) is { Length: > 0 } txId && string.Equals(entry.Network, network, StringComparison.OrdinalIgnoreCase))
            {
                (byTxId.TryGetValue(txId, out var list) ? list : byTxId[txId] = []).Add(entry);
            }
        }
    }

    private static string? FromQuery(string? query, string name) =>
        query is null ? null
        : Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query).TryGetValue(name, out var values) ? values.FirstOrDefault(v => !string.IsNullOrEmpty(v))
        : null;

    /// <summary>
    /// The latest refusal of this click id that could have been the row's postback, else of this txid: of the row's
    /// type, and of its txid when both name one. The click's refused postback of another type or txid is another
    /// conversion's: it does not say why this one is missing.
    /// </summary>
    public PostbackLogEntry? Find(ExportRow row)
    {
        var type = row.Type.ToName();
        bool Could(PostbackLogEntry e) => e.Type == type && (row.TxId is null || TxIdOf(e) is not { Length: > 0 } txId || txId == row.TxId);
        return (row.ClickId.Length > 0 && byClick.TryGetValue(row.ClickId, out var byId) ? byId.LastOrDefault(Could) : null)
            ?? (row.TxId is { } rowTxId && byTxId.TryGetValue(rowTxId, out var byTx) ? byTx.LastOrDefault(Could) : null);
    }

    private static string? TxIdOf(PostbackLogEntry entry) => entry.TxId ?? FromQuery(entry.Source?.Query, "txid");
}
