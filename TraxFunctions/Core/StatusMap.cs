namespace Trax.Core;

/// <summary>
/// Reads a network's <c>status</c> value as one of Trax's statuses: the common spellings by default, a network's own
/// values from settings first. No status is no word on the status (null: the conversion keeps the status it has, and
/// one no postback gave a status is approved); a value Trax does not know is kept as sent and counts as pending until
/// someone maps it.
/// </summary>
public sealed class StatusMap
{
    private static readonly Dictionary<string, ConversionStatus> Defaults = new(StringComparer.OrdinalIgnoreCase)
    {
        ["approved"] = ConversionStatus.Approved, ["approve"] = ConversionStatus.Approved, ["confirmed"] = ConversionStatus.Approved,
        ["success"] = ConversionStatus.Approved, ["sale"] = ConversionStatus.Approved, ["paid"] = ConversionStatus.Approved,
        ["1"] = ConversionStatus.Approved,
        ["pending"] = ConversionStatus.Pending, ["hold"] = ConversionStatus.Pending, ["new"] = ConversionStatus.Pending,
        ["processing"] = ConversionStatus.Pending, ["0"] = ConversionStatus.Pending,
        ["rejected"] = ConversionStatus.Rejected, ["reject"] = ConversionStatus.Rejected, ["declined"] = ConversionStatus.Rejected,
        ["denied"] = ConversionStatus.Rejected, ["cancelled"] = ConversionStatus.Rejected, ["canceled"] = ConversionStatus.Rejected,
        ["reversed"] = ConversionStatus.Rejected, ["refund"] = ConversionStatus.Rejected, ["refunded"] = ConversionStatus.Rejected,
        ["chargeback"] = ConversionStatus.Rejected, ["fraud"] = ConversionStatus.Rejected, ["trash"] = ConversionStatus.Rejected,
        ["-1"] = ConversionStatus.Rejected,
    };

    private readonly Dictionary<string, Dictionary<string, ConversionStatus>> overrides;

    public StatusMap(IOptions<NetworkOptions> options)
    {
        overrides = new(StringComparer.OrdinalIgnoreCase);
        foreach (var (network, settings) in options.Value.Networks)
        {
            overrides[network] = settings.Statuses
                .Select(s => (s.Key, Known: ConversionStatusNames.TryParse(s.Value, out var status), Status: status))
                .Where(s => s.Known)
                .ToDictionary(s => s.Key, s => s.Status, StringComparer.OrdinalIgnoreCase);
        }
    }

    /// <summary>
    /// The status a postback's value stands for, null for none; <paramref name="known"/> is false for a value neither
    /// map holds.
    /// </summary>
    public ConversionStatus? Map(string? status, string? network, out bool known)
    {
        known = true;
        if (string.IsNullOrEmpty(status))
        {
            return null;
        }

        if (network is not null && overrides.TryGetValue(network, out var own) && own.TryGetValue(status, out var mapped))
        {
            return mapped;
        }

        if (Defaults.TryGetValue(status, out var standard))
        {
            return standard;
        }

        known = false;
        return ConversionStatus.Pending;
    }

    public ConversionStatus? Map(string? status, string? network) => Map(status, network, out _);
}
