using Trax.Core;

namespace Trax.Conversions;

/// <summary>
/// Where a conversion stands now, as three registers, each set by the most recently received postback that carried
/// it: the status (a postback without one says nothing of it), the amount (a missing or empty payout never erases
/// one) and the currency (carried only together with an amount: an amount alone keeps the currency, a currency alone
/// changes nothing). A conversion no postback gave a status is approved. "Most recently received" is the postback id
/// (ids sort by receipt), except for a postback sent again: a network's resend of what it said before counts as
/// received when it was first sent, and a row of an uploaded file counts where that file was first uploaded
/// (<see cref="PostbackOrder"/>). The state is a function of the set of postbacks (<see cref="Fold"/>): applying them
/// in any order, any number of times, gives the same state.
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

    /// <summary>
    /// How many times the state a report sees changed (1 when it was created; 0 on rows from before versions): the
    /// day index keeps the state with the highest version, because a postback that arrives late can move the state
    /// back to an older postback's word (its resend no longer counts as new). Not part of the state's equality.
    /// </summary>
    public long Version { get; init; }

    /// <summary>
    /// The state one postback sets alone (what creates a conversion): what <see cref="Fold"/> makes of it, written out,
    /// because every new conversion makes one and the fold's ordering allocates about 2 KB for a set of one.
    /// </summary>
    public static ConversionState Of(PostbackState postback) => new(
        postback.Status ?? ConversionStatus.Approved, postback.Status is null ? null : postback.StatusRaw, postback.Status is null ? Nobody : postback.PostbackId,
        postback.HasAmount ? postback.Payout : null, postback.HasCurrency ? postback.Currency : null,
        postback.HasAmount ? postback.PostbackId : Nobody, postback.HasCurrency ? postback.PostbackId : Nobody)
    {
        Version = 1,
    };

    /// <summary>The state a set of postbacks makes, whatever order they came in: each register from its newest word.</summary>
    public static ConversionState Fold(IEnumerable<PostbackState> postbacks, TimeSpan resendWindow)
    {
        var order = new PostbackOrder(postbacks, resendWindow);
        var status = order.Newest(p => p.Status is not null);
        var amount = order.Newest(p => p.HasAmount);
        var currency = order.Newest(p => p.HasCurrency);
        return new ConversionState(
            status?.Status ?? ConversionStatus.Approved, status?.StatusRaw, status?.PostbackId ?? Nobody,
            amount?.Payout, currency?.Currency, amount?.PostbackId ?? Nobody, currency?.PostbackId ?? Nobody);
    }

    /// <summary>The same status and money (who set them aside): what a report sees.</summary>
    public bool SameAs(ConversionState other) => Status == other.Status && Payout == other.Payout && Currency == other.Currency;

    /// <summary>Whether a postback says nothing this state does not already say.</summary>
    public bool Repeats(PostbackState postback) =>
        (postback.Status is not { } status || status == Status)
        && (!postback.HasAmount || postback.Payout == Payout)
        && (!postback.HasCurrency || postback.Currency == Currency);

    public bool Equals(ConversionState? other) =>
        other is not null && Status == other.Status && StatusRaw == other.StatusRaw && StatusBy == other.StatusBy
        && Payout == other.Payout && Currency == other.Currency && MoneyBy == other.MoneyBy && CurrencyBy == other.CurrencyBy;

    public override int GetHashCode() => HashCode.Combine(Status, StatusRaw, StatusBy, Payout, Currency, MoneyBy, CurrencyBy);
}
