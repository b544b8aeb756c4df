namespace Trax.PostbackLog;

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

    /// <summary>The conversion was stored before, by the postback named in <c>duplicateOf</c>.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>A conversion outside its link's attribution window: stored and visible, not counted.</summary>
    public const string OutsideWindow = "outside-window";

    /// <summary>Refused by the HTTP function (4xx) with a reason code; never queued.</summary>
    public const string Rejected = "rejected";

    public static IReadOnlyList<string> All { get; } = [Created, Orphan, Duplicate, OutsideWindow, Rejected];
}
