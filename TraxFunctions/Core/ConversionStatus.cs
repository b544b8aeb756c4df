namespace Trax.Core;

/// <summary>Where a conversion stands with the network: what reports count and sum by.</summary>
public enum ConversionStatus
{
    /// <summary>Reported, not yet confirmed (counted, but may still be reversed).</summary>
    Pending,

    /// <summary>Confirmed; also a conversion none of whose postbacks said a status.</summary>
    Approved,

    /// <summary>Reversed: refunded, charged back, declined, fraud. Not counted in the totals.</summary>
    Rejected,
}

public static class ConversionStatusNames
{
    public static string ToName(this ConversionStatus status) => status switch
    {
        ConversionStatus.Pending => "pending",
        ConversionStatus.Approved => "approved",
        ConversionStatus.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown conversion status."),
    };

    public static bool TryParse(string? name, out ConversionStatus status)
    {
        foreach (var candidate in Enum.GetValues<ConversionStatus>())
        {
            if (string.Equals(candidate.ToName(), name, StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }

    /// <summary>
    /// A status name read from a table: one this version does not know (written by a newer one) reads as pending,
    /// counted but never taken as confirmed.
    /// </summary>
    public static ConversionStatus ParseStored(string? name) => TryParse(name, out var status) ? status : ConversionStatus.Pending;

    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<ConversionStatus>().Select(s => s.ToName())];
}
