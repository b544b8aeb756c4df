using Trax.Clicks;

namespace Trax.Conversions;

/// <summary>
/// What a conversion learns from the click that produced it: link, campaign, source, sub-ids, timing, and whether it
/// came outside the link's window. The window travels on the click, so attribution needs no read of the Links table.
/// </summary>
public sealed record Attribution
{
    public required DateTimeOffset ClickedAt { get; init; }

    public long SecondsToConvert { get; init; }

    public string? LinkId { get; init; }

    /// <summary>The click's network and program (the postback's own are on the conversion).</summary>
    public string? Network { get; init; }

    public string? Program { get; init; }

    public string? Campaign { get; init; }

    public string? Source { get; init; }

    public string? Sub1 { get; init; }

    public string? Sub2 { get; init; }

    public string? Sub3 { get; init; }

    public string? Sub4 { get; init; }

    public string? Sub5 { get; init; }

    /// <summary>The link's attribution window when the click was made (days), if it had one.</summary>
    public int? AttributionWindowDays { get; init; }

    /// <summary>The conversion arrived more than <see cref="AttributionWindowDays"/> after its click: kept, flagged.</summary>
    public bool OutsideWindow { get; init; }

    public static Attribution Of(Click click, DateTimeOffset receivedAt)
    {
        var elapsed = receivedAt - click.ClickedAt;
        return new Attribution
        {
            ClickedAt = click.ClickedAt,
            SecondsToConvert = (long)Math.Floor(elapsed.TotalSeconds),
            LinkId = click.LinkId,
            Network = click.Network,
            Program = click.Program,
            Campaign = click.Campaign,
            Source = click.Source,
            Sub1 = click.Sub1,
            Sub2 = click.Sub2,
            Sub3 = click.Sub3,
            Sub4 = click.Sub4,
            Sub5 = click.Sub5,
            AttributionWindowDays = click.AttributionWindowDays,
            OutsideWindow = click.AttributionWindowDays is { } days && elapsed > TimeSpan.FromDays(days),
        };
    }
}
