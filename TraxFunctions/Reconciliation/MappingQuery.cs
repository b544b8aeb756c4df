using Trax.Input;

namespace Trax.Reconciliation;

/// <summary>How a reconciliation request names the export's columns (<c>preset</c>, <c>clickid</c>, <c>txid</c>…).</summary>
public static class MappingQuery
{
    private static readonly string[] ColumnParameters = ["clickid", "txid", "type", "typeValue", "types", "status", "amount", "currency", "time", "timeFormat"];

    /// <summary>A preset, then the columns named one by one (each wins over the preset's), else the network's last mapping.</summary>
    public static ExportMapping? Read(QueryReader reader, RememberedMapping? remembered)
    {
        var presetName = reader.Text("preset");
        ExportMapping? preset = null;
        if (presetName is not null && !MappingPresets.All.TryGetValue(presetName, out preset))
        {
            reader.Fail(ReconciliationRejections.UnknownPreset);
            return null;
        }

        var given = ColumnParameters.ToDictionary(p => p, reader.Text, StringComparer.Ordinal);
        var baseline = preset ?? (given.Values.All(v => v is null) ? remembered?.Mapping : null);
        if (baseline is null && given["clickid"] is null)
        {
            reader.Fail(given.Values.All(v => v is null) ? ReconciliationRejections.NoMapping : ReconciliationRejections.NoClickIdColumn);
            return null;
        }

        return new ExportMapping
        {
            ClickId = given["clickid"] ?? baseline!.ClickId,
            TxId = given["txid"] ?? baseline?.TxId,
            Type = given["type"] ?? (given["typeValue"] is not null ? null : baseline?.Type),
            TypeValue = given["typeValue"] ?? baseline?.TypeValue,
            Types = given["types"] ?? baseline?.Types,
            Status = given["status"] ?? baseline?.Status,
            Amount = given["amount"] ?? baseline?.Amount,
            Currency = given["currency"] ?? baseline?.Currency,
            Time = given["time"] ?? baseline?.Time,
            TimeFormat = given["timeFormat"] ?? baseline?.TimeFormat,
        };
    }
}
