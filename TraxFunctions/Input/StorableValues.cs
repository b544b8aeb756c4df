namespace Trax.Input;

/// <summary>
/// What Azure Table Storage can hold, checked before Trax accepts a value rather than found out when a write fails
/// (Azurite is laxer): a string property of at most 32,768 UTF-16 characters (64 KiB), a date from 1601-01-01 UTC.
/// </summary>
public static class StorableValues
{
    public const int MaxStringLength = 32 * 1024;

    public static readonly DateTimeOffset MinDate = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static bool IsStorable(string? value) => value is null || value.Length <= MaxStringLength;
}
