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
            if ((entry.TxId ?? FromQuery(entry.Source?.Query, "txid")) is { Length: > 0 } txId && string.Equals(entry.Network, network, StringComparison.OrdinalIgnoreCase))
            {
                (byTxId.TryGetValue(txId, out var list) ? list : byTxId[txId] = []).Add(entry);
            }
        }
    }

    private static string? FromQuery(string? query, string name) =>
        query is null ? null
        : Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query).TryGetValue(name, out var values) ? values.FirstOrDefault(v => !string.IsNullOrEmpty(v))
        : null;

    /// <summary>The latest refusal of this click id (of the row's type if there is one), else of this txid.</summary>
    public PostbackLogEntry? Find(ExportRow row)
    {
        var type = row.Type.ToName();
        var candidates = row.ClickId.Length > 0 && byClick.TryGetValue(row.ClickId, out var byId) ? byId
            : row.TxId is { } txId && byTxId.TryGetValue(txId, out var byTx) ? byTx
            : null;
        return candidates is null ? null : candidates.LastOrDefault(e => e.Type == type) ?? candidates[^1];
    }
}
