namespace Trax.Traffic;

/// <summary>
/// A day's spend on one campaign, link or source (<see cref="Kind"/> names which, <see cref="Value"/> which one), as
/// uploaded: its key is (day, kind, value), so a later upload for the same key replaces it. Currency null: the base currency.
/// </summary>
public sealed record UploadedCost(DateOnly Day, string Kind, string Value, decimal Amount, string? Currency);
