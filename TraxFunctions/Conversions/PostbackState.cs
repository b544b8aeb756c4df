using Trax.Core;

namespace Trax.Conversions;

/// <summary>
/// What one postback says of its conversion's state: its status if it carried one (null: no word on the status),
/// its amount if it carried one, and its currency, which counts only beside an amount; and what tells a postback
/// sent again from a new word: when it was received, and for a row of an upload, the file and line it came from.
/// </summary>
public sealed record PostbackState(string PostbackId, ConversionStatus? Status, string? StatusRaw, decimal? Payout, string? Currency)
{
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>A row of a conversion upload (method UPLOAD), not a network's postback.</summary>
    public bool Uploaded { get; init; }

    /// <summary>For an upload row: the SHA-256 of the file it came from (null on rows queued before files had one).</summary>
    public string? UploadFile { get; init; }

    /// <summary>For an upload row: the line it starts on in that file.</summary>
    public long UploadLine { get; init; }

    /// <summary>What a queued postback says, its status read through the network's mapping.</summary>
    public static PostbackState Of(PostbackMessage message, StatusMap statuses) =>
        new(message.Id, statuses.Map(message.Status, message.Network), message.Status, message.Payout, message.Currency)
        {
            ReceivedAt = message.ReceivedAt,
            Uploaded = message.Method == PostbackMessage.UploadMethod,
            UploadFile = message.UploadFile,
            UploadLine = message.UploadLine ?? 0,
        };

    public bool HasAmount => Payout is not null;

    /// <summary>A currency sets the conversion's only together with an amount; alone it is ignored (a message queued before the validator dropped it).</summary>
    public bool HasCurrency => Payout is not null && Currency is not null;

    /// <summary>Whether it says anything of the state: a postback with neither a status nor a payout is a word on nothing.</summary>
    public bool SaysAnything => Status is not null || HasAmount;

    /// <summary>
    /// The same words as <paramref name="other"/>, as a network resends them: the same status (as sent, any case),
    /// payout and currency.
    /// </summary>
    public bool SaysTheSameAs(PostbackState other) =>
        Status == other.Status && string.Equals(StatusRaw, other.StatusRaw, StringComparison.OrdinalIgnoreCase)
        && Payout == other.Payout && (HasCurrency ? Currency : null) == (other.HasCurrency ? other.Currency : null);
}
