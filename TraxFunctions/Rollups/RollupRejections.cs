using Trax.Input;

namespace Trax.Rollups;

/// <summary>Why a rebuild request was refused: a closed set, documented in docs/reports.md.</summary>
public static class RollupRejections
{
    public static Rejection InvalidRange { get; } = new("invalid-range", "The to day must not be before the from day.");

    public static Rejection RangeTooLong { get; } = new("range-too-long", $"A rebuild covers at most {RollupRebuild.MaxDays} UTC days, from and to included.");
}
