using Trax.Zones;

namespace Trax.Forwards;

/// <summary>One attempt to send a job, as the delivery log keeps it: never the URL's secrets.</summary>
public sealed record ForwardDelivery
{
    public required string ForwardId { get; init; }

    public required string JobId { get; init; }

    public required string ConversionId { get; init; }

    public required int Attempt { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>delivered, retrying, failed, superseded or cancelled (<see cref="ForwardDeliveryOutcomes"/>).</summary>
    public required string Outcome { get; init; }

    /// <summary>The conversion status this attempt sent (or would have).</summary>
    public required string Status { get; init; }

    public string? Method { get; init; }

    /// <summary>The URL sent to, with secret query values (<see cref="Trax.Input.SecretParameters.IsSecretName"/>) and user-info redacted.</summary>
    public string? Url { get; init; }

    public int? HttpStatus { get; init; }

    /// <summary>What went wrong: a timeout, a refused destination, a connection failure, a 4xx that is not retried.</summary>
    public string? Error { get; init; }

    public long? DurationMs { get; init; }

    /// <summary>When a retry is due (retrying only).</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    public bool Replay { get; init; }

    /// <summary>This attempt with its times at <paramref name="zone"/>'s offset (the same instants).</summary>
    public ForwardDelivery In(Zone zone) => this with { At = zone.Local(At), NextAttemptAt = NextAttemptAt is { } next ? zone.Local(next) : null };
}

public static class ForwardDeliveryOutcomes
{
    public const string Delivered = "delivered";
    public const string Retrying = "retrying";
    public const string Failed = "failed";
    public const string Superseded = "superseded";
    public const string Cancelled = "cancelled";

    public static IReadOnlyList<string> All { get; } = [Delivered, Retrying, Failed, Superseded, Cancelled];
}
