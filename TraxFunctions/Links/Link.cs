namespace Trax.Links;

/// <summary>
/// A configured outbound affiliate link: <c>/go/{Id}</c> redirects to <see cref="Destination"/> with a fresh
/// click id in place of <c>{clickid}</c>, and the click remembers the link's network, program and campaign.
/// </summary>
public sealed record Link(
    string Id,
    string Destination,
    string Network,
    string Program,
    string? Campaign = null,
    int? AttributionWindowDays = null,
    bool Enabled = true)
{
    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
