namespace Trax.Reconciliation;

/// <summary>The mapping and zone a network's last reconciliation used, offered again by default.</summary>
public sealed record RememberedMapping(string Network, ExportMapping Mapping, string TimeZone, DateTimeOffset SavedAt);
