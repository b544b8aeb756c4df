using Trax.Clicks;
using Trax.Core;

namespace Trax.Conversions;

/// <summary>
/// What a conversion learns from the click that produced it: link, campaign, source, sub-ids, timing, and whether it
/// came outside the link's window. The window travels on the click, so attribution needs no read of the Links table.
/// </summary>
public sealed record Attribution
{
    public required DateTimeOffset ClickedAt { get; init; }

    public long SecondsToConvert { get; init; }

    /// <summary>The click's link, campaign, source and sub-ids, and its network and program (the postback's own are on the conversion).</summary>
    public ClickAttributes Click { get; init; } = ClickAttributes.None;

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
            Click = click.Attributes,
            AttributionWindowDays = click.AttributionWindowDays,
            OutsideWindow = click.AttributionWindowDays is { } days && elapsed > TimeSpan.FromDays(days),
        };
    }
}
