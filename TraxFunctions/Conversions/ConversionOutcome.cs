using Trax.Core;

namespace Trax.Conversions;

/// <summary>What processing one postback decided.</summary>
public enum ConversionOutcome
{
    /// <summary>A new conversion, joined to its click.</summary>
    Created,

    /// <summary>A new conversion whose click id we do not know (kept, flagged Orphan).</summary>
    CreatedOrphan,

    /// <summary>A new conversion that arrived after its link's attribution window (kept, flagged OutsideWindow).</summary>
    CreatedOutsideWindow,

    /// <summary>Another postback stored this conversion and this one says nothing new: nothing written but the log row.</summary>
    Duplicate,

    /// <summary>A newer postback changed the stored conversion's status or money.</summary>
    Updated,

    /// <summary>A postback older than the stored conversion's state: kept in its history, state unchanged.</summary>
    Superseded,
}

/// <summary>The one decision about a postback: it is returned, logged, counted in metrics and written to the postback log.</summary>
/// <param name="Outcome">What the postback was.</param>
/// <param name="Conversion">The conversion as this postback left it (stored, updated, or the one it duplicates).</param>
/// <param name="Redelivered">This postback stored the conversion on an earlier delivery: the outcome is that one's.</param>
public sealed record ProcessedPostback(ConversionOutcome Outcome, Conversion Conversion, bool Redelivered = false)
{
    /// <summary>For a postback applied to a stored conversion (updated, superseded, or a duplicate kept): its history row.</summary>
    public HistoryEntry? Applied { get; init; }

    /// <summary>The outcome a stored conversion stands for: its attribution decides it.</summary>
    public static ConversionOutcome OutcomeOf(Conversion conversion) =>
        conversion.Orphan ? ConversionOutcome.CreatedOrphan
        : conversion.OutsideWindow ? ConversionOutcome.CreatedOutsideWindow
        : ConversionOutcome.Created;

    public static ConversionOutcome OfLogName(string name) => name switch
    {
        PostbackOutcomes.Updated => ConversionOutcome.Updated,
        PostbackOutcomes.Superseded => ConversionOutcome.Superseded,
        PostbackOutcomes.Created => ConversionOutcome.Created,
        PostbackOutcomes.Orphan => ConversionOutcome.CreatedOrphan,
        PostbackOutcomes.OutsideWindow => ConversionOutcome.CreatedOutsideWindow,
        _ => ConversionOutcome.Duplicate,
    };

    /// <summary>The name in the postback log (and its API).</summary>
    public static string LogName(ConversionOutcome outcome) => outcome switch
    {
        ConversionOutcome.Created => PostbackOutcomes.Created,
        ConversionOutcome.CreatedOrphan => PostbackOutcomes.Orphan,
        ConversionOutcome.CreatedOutsideWindow => PostbackOutcomes.OutsideWindow,
        ConversionOutcome.Duplicate => PostbackOutcomes.Duplicate,
        ConversionOutcome.Updated => PostbackOutcomes.Updated,
        ConversionOutcome.Superseded => PostbackOutcomes.Superseded,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "An outcome without a log name."),
    };
}
