using Trax.Postbacks;

namespace Trax.Conversions;

/// <summary>
/// Where a conversion stands now, as three registers, each set by the most recently received postback that carried
/// it (postback ids sort by receipt): the status (a postback without one says nothing of it), the amount (a missing
/// or empty payout never erases one) and the currency (carried only together with an amount: an amount alone keeps
/// the currency, a currency alone changes nothing). Applying postbacks in any order, any number of times, gives the
/// same state. A conversion no postback gave a status is approved.
/// </summary>
public sealed record ConversionState(
    ConversionStatus Status,
    string? StatusRaw,
    string StatusBy,
    decimal? Payout,
    string? Currency,
    string MoneyBy,
    string? CurrencyBy = null)
{
    /// <summary>Who set a register no postback carried: older than every postback.</summary>
    public const string Nobody = "";

    /// <summary>Who set the currency; rows from before it had its own register read as whoever set the amount.</summary>
    public string? CurrencyBy { get; init; } = CurrencyBy ?? MoneyBy;

    /// <summary>The state one postback sets alone (what creates a conversion).</summary>
    public static ConversionState Of(PostbackState postback) =>
        new ConversionState(ConversionStatus.Approved, null, Nobody, null, null, Nobody, Nobody).Apply(postback);

    /// <summary>What this state becomes when <paramref name="postback"/> is applied: each register keeps the newer postback.</summary>
    public ConversionState Apply(PostbackState postback)
    {
        var state = this;
        if (postback.Status is { } status && Newer(postback.PostbackId, StatusBy))
        {
            state = state with { Status = status, StatusRaw = postback.StatusRaw, StatusBy = postback.PostbackId };
        }

        if (postback.HasAmount && Newer(postback.PostbackId, MoneyBy))
        {
            state = state with { Payout = postback.Payout, MoneyBy = postback.PostbackId };
        }

        if (postback.HasCurrency && Newer(postback.PostbackId, CurrencyBy))
        {
            state = state with { Currency = postback.Currency, CurrencyBy = postback.PostbackId };
        }

        return state;
    }

    /// <summary>The same status and money (who set them aside): what a report sees.</summary>
    public bool SameAs(ConversionState other) => Status == other.Status && Payout == other.Payout && Currency == other.Currency;

    /// <summary>Whether a postback says nothing this state does not already say: a duplicate of it.</summary>
    public bool Repeats(PostbackState postback) =>
        (postback.Status is not { } status || status == Status)
        && (!postback.HasAmount || postback.Payout == Payout)
        && (!postback.HasCurrency || postback.Currency == Currency);

    private static bool Newer(string candidate, string? current) => string.CompareOrdinal(candidate, current) > 0;
}

/// <summary>
/// What one postback says of its conversion's state: its status if it carried one (null: no word on the status),
/// its amount if it carried one, and its currency, which counts only beside an amount.
/// </summary>
public sealed record PostbackState(string PostbackId, ConversionStatus? Status, string? StatusRaw, decimal? Payout, string? Currency)
{
    /// <summary>What a queued postback says, its status read through the network's mapping.</summary>
    public static PostbackState Of(PostbackMessage message, StatusMap statuses) =>
        new(message.Id, statuses.Map(message.Status, message.Network), message.Status, message.Payout, message.Currency);

    public bool HasAmount => Payout is not null;

    /// <summary>A currency sets the conversion's only together with an amount; alone it is ignored (a message queued before the validator dropped it).</summary>
    public bool HasCurrency => Payout is not null && Currency is not null;
}
