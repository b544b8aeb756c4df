namespace Trax.Rates;

/// <summary>What a run of the rates timer did, day by day.</summary>
public sealed record RatesFetch(RatesFetchOutcome Outcome, int Days = 0, int Stored = 0, int Unchanged = 0, int Kept = 0, int Skipped = 0);
