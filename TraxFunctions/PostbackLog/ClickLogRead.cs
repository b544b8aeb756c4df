namespace Trax.PostbackLog;

/// <summary>
/// What a read of one click's log rows is for: the click (and a conversion key, and its type), the rows received in
/// [<see cref="Start"/>, <see cref="End"/>) (a zone's days), and the zone, which its continuation tokens name.
/// </summary>
public sealed record ClickLogRead(string ClickId, string? Key, string? Type, DateTimeOffset Start, DateTimeOffset End, string ZoneId);
