using Trax.Core;

namespace Trax.Conversions;

/// <summary>
/// One postback in a conversion's history: what it said (status, and money if it carried any), who sent it, when,
/// and what it did when it was applied — created the conversion, updated its state from → to, arrived after a
/// newer postback and changed nothing (superseded), or repeated what is stored (duplicate). The conversion's state is
/// made from these rows, so every postback that says a status or payout has one; a postback that says neither, and
/// a row of a file uploaded again, leave none.
/// </summary>
public sealed record HistoryEntry
{
    public required string ConversionKey { get; init; }

    public required string PostbackId { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public DateTimeOffset ProcessedAt { get; init; }

    /// <summary>created, updated, superseded or duplicate (the postback log's names).</summary>
    public required string Outcome { get; init; }

    public required PostbackState Said { get; init; }

    /// <summary>The conversion's state before this postback was applied (null for the one that created it).</summary>
    public ConversionState? From { get; init; }

    /// <summary>The conversion's state after it.</summary>
    public required ConversionState To { get; init; }

    /// <summary>The network that sent it, and how (GET, POST, or UPLOAD for a row of a conversion upload).</summary>
    public string? Network { get; init; }

    public string? Method { get; init; }

    /// <summary>The history row of the postback that creates <paramref name="conversion"/>.</summary>
    public static HistoryEntry Created(PostbackMessage message, Conversion conversion, PostbackState said) => new()
    {
        ConversionKey = conversion.Key, PostbackId = message.Id, ReceivedAt = message.ReceivedAt, ProcessedAt = conversion.ProcessedAt,
        Outcome = PostbackOutcomes.Created,
        Said = said,
        To = conversion.State, Network = message.Network, Method = message.Method,
    };
}
