using Trax.Core;

namespace Trax.Clicks;

/// <summary>
/// A visitor's click on one of our affiliate links, as stored when we issued its click id (the redirect) or when a
/// site registered it (<c>/api/clicks</c>). Its conversions copy what it knows when they are attributed to it.
/// </summary>
public sealed record Click
{
    public required string ClickId { get; init; }

    public required DateTimeOffset ClickedAt { get; init; }

    /// <summary>The link, network, program, campaign, source and sub-ids the visit carried.</summary>
    public ClickAttributes Attributes { get; init; } = ClickAttributes.None;

    /// <summary>Conversions later than this many days after the click are outside the link's window.</summary>
    public int? AttributionWindowDays { get; init; }

    /// <summary>The visitor's User-Agent (bounded); bots are not stored at all.</summary>
    public string? UserAgent { get; init; }

    /// <summary>Keyed hash of the visitor's IP (<see cref="IpPrivacy"/>), when <c>Trax:IpHashKey</c> is set.</summary>
    public string? IpHash { get; init; }

    /// <summary>The visitor's network prefix (IPv4 /24, IPv6 /48), when no hash key is set.</summary>
    public string? IpPrefix { get; init; }

    /// <summary>How the click reached us: <c>go</c> (our redirect) or <c>api</c> (registered through /api/clicks).</summary>
    public string? Via { get; init; }

    /// <summary>Dropped optional fields as <c>field:reason</c>.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>What the click cost (a traffic source's CPC, <c>cost=</c>), never negative; null when not given.</summary>
    public decimal? Cost { get; init; }

    /// <summary>The cost's ISO 4217 currency; null: the base currency.</summary>
    public string? CostCurrency { get; init; }
}
