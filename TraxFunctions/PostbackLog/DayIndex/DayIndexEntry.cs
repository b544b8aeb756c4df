using Trax.Core;

namespace Trax.PostbackLog;

/// <summary>
/// One stored conversion in the per-day index that reports read: its dimensions, attribution and money, keyed by the
/// postback that stored it, in the same partition as that postback's log row (so the two are written in one transaction).
/// </summary>
public sealed record DayIndexEntry
{
    public required string PostbackId { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public required string Type { get; init; }

    public required string ClickId { get; init; }

    public required string ConversionKey { get; init; }

    /// <summary>The network the postback named, else the click's.</summary>
    public string? Network { get; init; }

    /// <summary>The program the postback named, else the click's.</summary>
    public string? Program { get; init; }

    public string? Campaign { get; init; }

    /// <summary>
    /// One of <see cref="Attributions"/>; it only ever moves from unattributed to attributed or outside-window, taking
    /// the click's dimensions with it (rows from before attribution was indexed were all attributed).
    /// </summary>
    public string Attribution { get; init; } = Attributions.Attributed;

    public string? Currency { get; init; }

    public decimal? Payout { get; init; }

    /// <summary>
    /// The conversion's status now, and the postbacks that set its status and its money: an index row only ever takes
    /// a newer one, so that writes landing in any order leave the newest state (rows from before statuses: approved).
    /// </summary>
    public string Status { get; init; } = "approved";

    public string? StatusBy { get; init; }

    public string? MoneyBy { get; init; }

    /// <summary>Who set the currency (rows from before it had its own register: whoever set the money).</summary>
    public string? CurrencyBy { get; init; }

    /// <summary>
    /// The conversion state's version (0: written before versions): a row only ever takes a higher one, because a
    /// late postback can move a state back to an older postback's word, which the setters alone cannot order.
    /// </summary>
    public long Version { get; init; }

    /// <summary>The UTC day it counts on: the day its postback was received.</summary>
    public DateOnly Day => PostbackLogKeys.LogDay(ReceivedAt);

    /// <summary>
    /// This (stored) index row brought up to <paramref name="index"/>: the higher version wins whole (between two states
    /// written before versions, each of status, amount and currency from whichever newer postback set it, as then);
    /// the attribution only moves forward, and the click's dimensions come with it.
    /// </summary>
    public DayIndexEntry MergedWith(DayIndexEntry index)
    {
        var merged = index.Version > 0 || Version > 0
            ? index.Version > Version ? this with
            {
                Status = index.Status, StatusBy = index.StatusBy, Payout = index.Payout, MoneyBy = index.MoneyBy,
                Currency = index.Currency, CurrencyBy = index.CurrencyBy, Version = index.Version,
            }
            : this
            : this with
            {
                Status = Newer(index.StatusBy, StatusBy) ? index.Status : Status,
                StatusBy = Newer(index.StatusBy, StatusBy) ? index.StatusBy : StatusBy,
                Payout = Newer(index.MoneyBy, MoneyBy) ? index.Payout : Payout,
                MoneyBy = Newer(index.MoneyBy, MoneyBy) ? index.MoneyBy : MoneyBy,
                Currency = Newer(index.CurrencyBy, CurrencyBy) ? index.Currency : Currency,
                CurrencyBy = Newer(index.CurrencyBy, CurrencyBy) ? index.CurrencyBy : CurrencyBy,
            };

        // The click's dimensions come with its attribution: the network and program the postback named, else the click's.
        return Attributions.Advances(Attribution, index.Attribution)
            ? merged with { Attribution = index.Attribution, Network = index.Network, Program = index.Program, Campaign = index.Campaign }
            : merged;
    }

    private static bool Newer(string? candidate, string? current) => string.CompareOrdinal(candidate, current) > 0;
}
