using Trax.Postbacks;

namespace Trax.Conversions;

/// <summary>
/// Where a conversion stands now: its status and its money, each set by the most recently received postback that
/// carried it (postback ids sort by receipt). Two registers, because a status postback often carries no payout: a
/// missing payout never erases one. Applying postbacks in any order, any number of times, gives the same state.
/// </summary>
public sealed record ConversionState(
    ConversionStatus Status,
    string? StatusRaw,
    string StatusBy,
    decimal? Payout,
    string? Currency,
    string MoneyBy)
{
    /// <summary>Who set the money of a conversion none of whose postbacks carried any: older than every postback.</summary>
    public const string Nobody = "";

    /// <summary>The state one postback sets alone (what creates a conversion).</summary>
    public static ConversionState Of(PostbackState postback) =>
        new(postback.Status, postback.StatusRaw, postback.PostbackId, postback.Payout, postback.Currency, postback.HasMoney ? postback.PostbackId : Nobody);

    /// <summary>What this state becomes when <paramref name="postback"/> is applied: each register keeps the newer postback.</summary>
    public ConversionState Apply(PostbackState postback)
    {
        var state = this;
        if (string.CompareOrdinal(postback.PostbackId, StatusBy) > 0)
        {
            state = state with { Status = postback.Status, StatusRaw = postback.StatusRaw, StatusBy = postback.PostbackId };
        }

        if (postback.HasMoney && string.CompareOrdinal(postback.PostbackId, MoneyBy) > 0)
        {
            state = state with { Payout = postback.Payout, Currency = postback.Currency, MoneyBy = postback.PostbackId };
        }

        return state;
    }

    /// <summary>The same status and money (who set them aside): what a report sees.</summary>
    public bool SameAs(ConversionState other) => Status == other.Status && Payout == other.Payout && Currency == other.Currency;

    /// <summary>Whether a postback says nothing this state does not already say: a duplicate of it.</summary>
    public bool Repeats(PostbackState postback) =>
        postback.Status == Status && (!postback.HasMoney || (postback.Payout == Payout && postback.Currency == Currency));
}

/// <summary>What one postback says of its conversion's state: its status, and its money if it carried any.</summary>
public sealed record PostbackState(string PostbackId, ConversionStatus Status, string? StatusRaw, decimal? Payout, string? Currency)
{
    /// <summary>What a queued postback says, its status read through the network's mapping.</summary>
    public static PostbackState Of(PostbackMessage message, StatusMap statuses) =>
        new(message.Id, statuses.Map(message.Status, message.Network), message.Status, message.Payout, message.Currency);

    public bool HasMoney => Payout is not null || Currency is not null;
}
