using Trax.Conversions;

namespace Trax.Forwards;

/// <summary>
/// The state in which a conversion took its current status: the one the outbox made that status's job for (the
/// journal tells the listeners of a conversion when it is created and when a postback changes its status, in the
/// state that postback made). Postbacks since that repeated the status or moved only the money changed the state but
/// queued nothing, so the current state alone would name a job that never existed.
/// </summary>
public static class StatusDecision
{
    /// <summary>The newest history entry that created the conversion or moved it to its current status; the current state when none says so (history rows came after versions).</summary>
    public static ConversionState Of(Conversion current, IReadOnlyList<HistoryEntry> history) =>
        history.Where(h => h.To.Status == current.State.Status && (h.From is null || h.From.Status != h.To.Status))
            .MaxBy(h => (h.To.Version, h.ProcessedAt))?.To ?? current.State;

    /// <summary>
    /// The conversion in that state: what the job of its current status sends (and the id it has), whoever makes it.
    /// A job made in the state now instead would be another job whenever a later postback repeated the status or
    /// moved the money, so the partner would hear the status twice, under two idempotency keys.
    /// </summary>
    public static Conversion Decided(Conversion current, IReadOnlyList<HistoryEntry> history) =>
        current with { State = Of(current, history) };
}
