using Trax.Input;

namespace Trax.Clicks;

/// <summary>
/// Why <c>/api/clicks</c> refused a body or one of its clicks: stable reason codes (docs/clicks-and-links.md). A
/// click id is judged by the shared rule, so its reasons are <c>missing-clickid</c>, <c>invalid-clickid</c> and
/// <c>unreplaced-macro</c>.
/// </summary>
public static class ClickRejections
{
    public const int MaxBatch = 100;

    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>How far ahead of our clock a registered click may claim to be (clock skew).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromHours(1);

    /// <summary>
    /// The earliest click: Table Storage holds dates from 1601, but a click from before 2000 is a typo of the year,
    /// and before 1980 some zones' midnights (local mean time) fall between two of the quarter-hours reports read by.
    /// </summary>
    public static readonly DateTimeOffset EarliestClickedAt = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static Rejection InvalidBody { get; } =
        new("invalid-body", "The body must be a JSON click object ({\"clickId\": \"...\"}) or an array of them.");

    public static Rejection BodyTooLarge { get; } =
        new("body-too-large", $"The request body is larger than {MaxBodyBytes} bytes.", 413);

    public static Rejection EmptyBatch { get; } =
        new("empty-batch", "The array holds no click.");

    public static Rejection BatchTooLarge { get; } =
        new("batch-too-large", $"At most {MaxBatch} clicks per request.", 413);

    public static Rejection InvalidClickedAt { get; } =
        new("invalid-clicked-at", $"clickedAt must be from {EarliestClickedAt:yyyy-MM-dd} and at most {MaxClockSkew.TotalHours:0} hour ahead of the server's clock.");

    public static IReadOnlyList<Rejection> All { get; } = [InvalidBody, BodyTooLarge, EmptyBatch, BatchTooLarge, InvalidClickedAt];
}
