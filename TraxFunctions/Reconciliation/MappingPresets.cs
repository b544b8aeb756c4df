namespace Trax.Reconciliation;

/// <summary>
/// Mappings for a few common export shapes, by name (<c>preset=</c>). Any column can still be named on its own, which
/// wins over the preset's. The shapes are the column names such exports use; a network's own may differ.
/// </summary>
public static class MappingPresets
{
    public static IReadOnlyDictionary<string, ExportMapping> All { get; } = new Dictionary<string, ExportMapping>(StringComparer.OrdinalIgnoreCase)
    {
        // Trax's own upload columns, plus a time.
        ["trax"] = new ExportMapping
        {
            ClickId = "clickid", TxId = "txid", Type = "type", Status = "status", Amount = "payout", Currency = "currency", Time = "time",
        },

        // HasOffers/TUNE-style conversion report: the click id in aff_sub, a goal name per event.
        ["hasoffers"] = new ExportMapping
        {
            ClickId = "aff_sub", TxId = "transaction_id", Type = "goal_name", Status = "status", Amount = "payout", Currency = "currency",
            Time = "datetime", TimeFormat = "yyyy-MM-dd HH:mm:ss",
        },

        // Everflow-style conversion export: sub1, an event name, a Unix timestamp.
        ["everflow"] = new ExportMapping
        {
            ClickId = "sub1", TxId = "transaction_id", Type = "event_name", Status = "status", Amount = "payout", Currency = "currency",
            Time = "conversion_unix_timestamp", TimeFormat = "unix",
        },

        // An iGaming affiliate platform's FTD report: one event, the tracking code as click id, the player's deposit date.
        ["igaming-ftd"] = new ExportMapping
        {
            ClickId = "Tracking Code", TxId = "Player ID", TypeValue = "ftd", Amount = "First Deposit", Currency = "Currency",
            Time = "FTD Date",
        },
    };
}
