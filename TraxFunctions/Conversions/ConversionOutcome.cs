namespace Trax.Conversions;

/// <summary>What processing one postback message did.</summary>
public enum ConversionOutcome
{
    /// <summary>A new conversion, joined to its click.</summary>
    Created,

    /// <summary>A new conversion whose click id we do not know (kept, flagged Orphan).</summary>
    CreatedOrphan,

    /// <summary>A new conversion that arrived after its link's attribution window (kept, flagged OutsideWindow).</summary>
    CreatedOutsideWindow,

    /// <summary>The same conversion was stored before: nothing written.</summary>
    Duplicate,
}
