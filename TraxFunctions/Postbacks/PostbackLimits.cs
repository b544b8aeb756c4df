namespace Trax.Postbacks;

/// <summary>Bounds on what a callback may hold as a whole; beyond them it is refused (field bounds are in Input).</summary>
public static class PostbackLimits
{
    public const int MaxQueryLength = 4096;
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>A queue message holds 64 KiB once Base64-encoded, i.e. 48 KiB of JSON.</summary>
    public const int MaxMessageBytes = 48 * 1024;
}
