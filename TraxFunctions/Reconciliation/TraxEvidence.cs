using Trax.Core;
using Trax.PostbackLog;

namespace Trax.Reconciliation;

/// <summary>
/// What Trax saw of a network around a period: its conversions (the day index), the postbacks it refused (the log),
/// and what is still waiting in the queue or failed into the poison queue. <see cref="QueueComplete"/> is false when
/// the queue held more than could be peeked: then "never arrived" may yet be "queued"; <see cref="RefusalsComplete"/>
/// when the log held more refusals than are read: then "never arrived" may have been "refused".
/// </summary>
public sealed record TraxEvidence(
    IReadOnlyList<DayIndexEntry> Conversions,
    IReadOnlyList<PostbackLogEntry> Refused,
    IReadOnlyList<PostbackMessage> Queued,
    IReadOnlyList<PostbackMessage> Poison)
{
    public bool QueueComplete { get; init; } = true;

    public bool RefusalsComplete { get; init; } = true;
}
