namespace Trax.Zones;

/// <summary>
/// The time zone setting under <c>Trax:Reports</c> (<c>Trax__Reports__TimeZone</c>): the zone of a report, lookup or
/// log whose request names none with <c>tz=</c>. Checked at start-up (<see cref="ZoneOptionsValidator"/>).
/// </summary>
public sealed class ZoneOptions
{
    public const string Section = "Trax:Reports";

    /// <summary>An IANA id such as <c>Europe/Paris</c>; <c>UTC</c> by default.</summary>
    public string TimeZone { get; set; } = "UTC";
}
