using Trax.Core;

namespace Trax.Conversions;

/// <summary>
/// The one decision about a postback: it is returned, logged, counted in metrics and written to the postback log,
/// all under one name from <see cref="PostbackOutcomes"/> (the log's vocabulary: there is no second one to map from).
/// </summary>
/// <param name="Outcome">What the postback was: created, orphan, outside-window, duplicate, updated or superseded.</param>
/// <param name="Conversion">The conversion as this postback left it (stored, updated, or the one it duplicates).</param>
/// <param name="Redelivered">This postback stored the conversion on an earlier delivery: the outcome is that one's.</param>
public sealed record ProcessedPostback(string Outcome, Conversion Conversion, bool Redelivered = false)
{
    /// <summary>For a postback applied to a stored conversion (updated, superseded, or a duplicate kept): its history row.</summary>
    public HistoryEntry? Applied { get; init; }

    /// <summary>The outcome a stored conversion stands for: its attribution decides it.</summary>
    public static string OutcomeOf(Conversion conversion) =>
        conversion.Orphan ? PostbackOutcomes.Orphan
        : conversion.OutsideWindow ? PostbackOutcomes.OutsideWindow
        : PostbackOutcomes.Created;
}
