namespace Trax.Storage;

/// <summary>
/// A row that keeps a click's attributes: the link, campaign, source and sub-id columns, named as earlier rows wrote
/// them, declared once for the Clicks and Traffic rows and the Conversions row (which copies its click's). Network and
/// program are not here: the Conversions row keeps the click's beside the callback's own, under other names.
/// </summary>
internal abstract class ClickAttributeRow : TableRow
{
    public string? LinkId { get; set; }

    public string? Campaign { get; set; }

    public string? Source { get; set; }

    public string? Sub1 { get; set; }

    public string? Sub2 { get; set; }

    public string? Sub3 { get; set; }

    public string? Sub4 { get; set; }

    public string? Sub5 { get; set; }
}
