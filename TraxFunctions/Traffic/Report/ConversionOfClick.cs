using Trax.Clicks;

namespace Trax.Traffic;

/// <summary>One stored conversion as a traffic report needs it when grouped by a click dimension: its state and its click (null: unattributed).</summary>
public sealed record ConversionOfClick(DateTimeOffset ReceivedAt, string Type, string Status, decimal? Payout, string? Currency,
    string? Network, string? Program, string? Campaign, Click? Click);
