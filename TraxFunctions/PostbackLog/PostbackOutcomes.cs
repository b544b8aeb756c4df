using System.Text;
using Trax.Conversions;

namespace Trax.PostbackLog;

/// <summary>
/// The outcome of a postback as the log records it and the API filters on it. Stable names: operators and
/// scripts match on them.
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

    /// <summary>Refused by the HTTP function (400/413/414) with a reason code; never queued.</summary>
    public const string Rejected = "rejected";

    public static IReadOnlyList<string> All { get; } = [Created, Orphan, Duplicate, OutsideWindow, Rejected];

    /// <summary>
    /// The log name of what the processor did. An outcome added to <see cref="ConversionOutcome"/> later gets its
    /// name in kebab case (OutsideWindow → outside-window) and is not counted until it is mapped here.
    /// </summary>
    public static string Of(ConversionOutcome outcome) => outcome switch
    {
        ConversionOutcome.Created => Created,
        ConversionOutcome.CreatedOrphan => Orphan,
        ConversionOutcome.CreatedOutsideWindow => OutsideWindow,
        ConversionOutcome.Duplicate => Duplicate,
        _ => KebabCase(outcome.ToString()),
    };

    /// <summary>Whether a postback with this outcome adds a conversion to the reports (writes a day-index row).</summary>
    public static bool IsCounted(string outcome) => outcome == Created;

    internal static string KebabCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
