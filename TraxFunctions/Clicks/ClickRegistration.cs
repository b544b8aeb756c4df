
namespace Trax.Clicks;

/// <summary>
/// A click minted elsewhere (for example by an existing site plugin), as posted to <c>/api/clicks</c>. Only the
/// click id is required; a known <see cref="LinkId"/> fills network, program, campaign and window that the body
/// leaves out. <see cref="Ip"/> is stored only in its protected form, like a redirect's.
/// </summary>
public sealed record ClickRegistration
{
    public string? ClickId { get; init; }

    /// <summary>When the visitor clicked; now when absent. Up to an hour ahead is accepted as clock skew.</summary>
    public DateTimeOffset? ClickedAt { get; init; }

    public string? LinkId { get; init; }

    public string? Network { get; init; }

    public string? Program { get; init; }

    public string? Campaign { get; init; }

    public int? AttributionWindowDays { get; init; }

    public string? Source { get; init; }

    public string? Sub1 { get; init; }

    public string? Sub2 { get; init; }

    public string? Sub3 { get; init; }

    public string? Sub4 { get; init; }

    public string? Sub5 { get; init; }

    public string? UserAgent { get; init; }

    public string? Ip { get; init; }

    /// <summary>What the click cost, as text or a JSON number (<c>0.25</c>); refused when negative or absurd.</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(CostText))]
    public string? Cost { get; init; }

    /// <summary>The cost's ISO 4217 currency; absent: the base currency.</summary>
    public string? Currency { get; init; }
}
