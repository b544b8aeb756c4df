namespace Trax.Core;

/// <summary>
/// The outcome of a postback as the log records it and the API filters on it. Stable names: operators and scripts
/// match on them. The processor decides which one a postback gets; the log only records it.
/// </summary>
public static class PostbackOutcomes
{
    /// <summary>A new conversion joined to its click: the only outcome that reports count.</summary>
    public const string Created = "created";

    /// <summary>A new conversion whose click id we do not know: stored and visible, not counted.</summary>
    public const string Orphan = "orphan";

    /// <summary>
    /// The conversion was stored before and this says nothing new: <c>duplicateOf</c> names the postback it sends again
    /// (a network's resend, a row uploaded again), else the one that stored the conversion.
    /// </summary>
    public const string Duplicate = "duplicate";

    /// <summary>A conversion outside its link's attribution window: stored and visible, not counted.</summary>
    public const string OutsideWindow = "outside-window";

    /// <summary>A newer postback for a stored conversion that changed its status or money (from → to in the log).</summary>
    public const string Updated = "updated";

    /// <summary>A postback older than the conversion's state (queues reorder): kept in its history, state unchanged.</summary>
    public const string Superseded = "superseded";

    /// <summary>Refused by the HTTP function (4xx) with a reason code; never queued.</summary>
    public const string Rejected = "rejected";

    public static IReadOnlyList<string> All { get; } = [Created, Orphan, Duplicate, OutsideWindow, Updated, Superseded, Rejected];
}
