namespace Trax.Core;

/// <summary>
/// What Trax knows of each network, under <c>Trax:Networks</c>: how its status values map onto Trax's statuses,
/// e.g. <c>Trax__Networks__AffiliateWeb__Statuses__paid_out=approved</c> (names match case-insensitively).
/// </summary>
public sealed class NetworkOptions
{
    public const string Section = "Trax:Networks";

    public Dictionary<string, NetworkStatuses> Networks { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class NetworkStatuses
{
    /// <summary>The network's status value → pending, approved or rejected.</summary>
    public Dictionary<string, string> Statuses { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
