using Trax.Input;

namespace Trax.Core;

/// <summary>Bounds on what a callback may hold as a whole; beyond them it is refused (field bounds are in Input).</summary>
public static class PostbackLimits
{
    public const int MaxQueryLength = 4096;
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>A queue message holds 64 KiB once Base64-encoded, i.e. 48 KiB of JSON.</summary>
    public const int MaxMessageBytes = 48 * 1024;

    /// <summary>
    /// The longest txid Trax accepts. The txid travels on in every message made from the conversion (a forward job
    /// carries it as a value, and inside the conversion's id): at six bytes of JSON for the worst character
    /// (<c>\u003C</c>) it must leave room for every other field in one queue message (docs/processing.md).
    /// Real transaction ids are tens of characters.
    /// </summary>
    public const int MaxTxIdLength = 1024;

    /// <summary>
    /// Whether Trax can carry what this message holds through every step: each text fits a table property, and the
    /// txid fits the messages made from the conversion. Its own size is checked when it is sent.
    /// </summary>
    public static bool IsCarried(PostbackMessage message) =>
        message.LongestText <= StorableValues.MaxStringLength && (message.TxId?.Length ?? 0) <= MaxTxIdLength;
}
