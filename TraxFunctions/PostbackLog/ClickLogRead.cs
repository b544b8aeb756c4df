namespace Trax.PostbackLog;

/// <summary>
/// What a read of one click's log rows is for: the click (and a conversion key, and its type), the rows received in
/// [<see cref="Start"/>, <see cref="End"/>) (a zone's days), and the zone, which its continuation tokens name.
/// </summary>
public sealed record ClickLogRead(string ClickId, string? Key, string? Type, DateTimeOffset Start, DateTimeOffset End, string ZoneId)
{
    /// <summary>
    /// Whether the caller named the last day: its tokens name <see cref="End"/> too. A window that ends today does not,
    /// so a reader following its tokens past midnight goes on (the new day's rows came after its first page anyway).
    /// </summary>
    public bool EndAsked { get; init; }
}
