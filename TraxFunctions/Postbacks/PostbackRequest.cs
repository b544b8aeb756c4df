using System.Net;
using Trax.Core;
using Trax.Input;

namespace Trax.Postbacks;

/// <summary>
/// A callback as read from HTTP, with everything the later steps need, so that none of them touches the
/// <c>HttpRequest</c>: its id and receipt time (minted here, once), its parameters, the raw query and body with the
/// token redacted (for the record), the tokens it offers, and the caller's address. <see cref="Rejection"/> is set
/// when it was refused before validation (too long, too large, unreadable body).
/// </summary>
public sealed record PostbackRequest
{
    /// <summary>Our id for this callback: time-ordered, so ids sort by arrival in logs and tables.</summary>
    public required string Id { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public required string Method { get; init; }

    public PostbackParameters Parameters { get; init; }

    /// <summary>The query string as received (without '?', token redacted), whatever its length.</summary>
    public string? Query { get; init; }

    /// <summary>The form body (token redacted): as received when URL-encoded, the field text when multipart.</summary>
    public string? Body { get; init; }

    /// <summary>The tokens offered, at most one each: the <c>X-Trax-Token</c> header's first, then the <c>token</c> parameter's first.</summary>
    public IReadOnlyList<string> Tokens { get; init; } = [];

    /// <summary>The trusted caller address (<see cref="Http.ClientAddress"/>).</summary>
    public IPAddress? ClientAddress { get; init; }

    /// <summary>The X-Forwarded-For header as received, bounded; recorded, never trusted.</summary>
    public string? ForwardedFor { get; init; }

    public string? UserAgent { get; init; }

    public Rejection? Rejection { get; init; }

    /// <summary>Where the callback came from and exactly what it held, as the queue message records it.</summary>
    public PostbackSource Source => new(Method, Query, Body, ClientAddress?.ToString(), ForwardedFor, UserAgent);
}
