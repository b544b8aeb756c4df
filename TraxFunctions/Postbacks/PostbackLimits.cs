namespace Trax.Postbacks;

/// <summary>Bounds on what a callback may hold; beyond them it is refused or the field is dropped.</summary>
public static class PostbackLimits
{
    public const int MaxClickIdLength = 128;
    public const int MaxFieldLength = 200;
    public const int MaxQueryLength = 4096;
    public const int MaxBodyBytes = 16 * 1024;
    public const int MaxUserAgentLength = 512;

    /// <summary>A queue message holds 64 KiB once Base64-encoded, i.e. 48 KiB of JSON.</summary>
    public const int MaxMessageBytes = 48 * 1024;
}
