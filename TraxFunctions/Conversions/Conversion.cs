using Azure;
using Trax.Clicks;
using Trax.Core;
using Trax.Storage;

namespace Trax.Conversions;

/// <summary>
/// One conversion: the click id, type and transaction id are its identity (<see cref="Key"/>), the postback that
/// stored it (<see cref="PostbackId"/>) and what that postback held, the raw callback for the audit trail, the
/// attribution to its click (null: an orphan, no click with this id was known), and where it stands now
/// (<see cref="State"/>: the status and money its postbacks have set since).
/// </summary>
public sealed record Conversion
{
    /// <summary>
    /// What the postback that stored it said: its identity (click id, type, txid), the network and program the callback
    /// named (the click's own are in <see cref="Attribution"/>), its payout, currency and status as sent, and the optional
    /// fields it dropped. <see cref="State"/> is where the conversion stands now.
    /// </summary>
    public required Postback Postback { get; init; }

    public string ClickId => Postback.ClickId;

    public ConversionType Type => Postback.Type;

    public string? TxId => Postback.TxId;

    /// <summary>The row key in the click's partition: <c>ftd</c>, or <c>sale:T-1001</c> with a txid.</summary>
    public string Key => Keys.ConversionRow(Type.ToName(), TxId);

    /// <summary>The status and money now, each from the most recent postback that set it.</summary>
    public required ConversionState State { get; init; }

    /// <summary>The postback that stored this conversion: its id and receipt time.</summary>
    public required string PostbackId { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public DateTimeOffset ProcessedAt { get; init; }

    /// <summary>What the network sent, exactly, and from where: the audit trail.</summary>
    public PostbackSource? Callback { get; init; }

    public Attribution? Attribution { get; init; }

    public bool Orphan => Attribution is null;

    public bool OutsideWindow => Attribution?.OutsideWindow == true;

    /// <summary>The network and program reports, the day index and forwards go by: the ones the callback named, else its click's.</summary>
    public string? NetworkOrClicks => Postback.Network ?? Attribution?.Click.Network;

    public string? ProgramOrClicks => Postback.Program ?? Attribution?.Click.Program;

    /// <summary>How reports count it and forwards filter it: one of <see cref="Attributions"/>.</summary>
    public string AttributionName => Orphan ? Attributions.Unattributed : OutsideWindow ? Attributions.OutsideWindow : Attributions.Attributed;

    /// <summary>Set when the conversion arrived as an orphan and its click was registered afterwards.</summary>
    public DateTimeOffset? ReattributedAt { get; init; }

    /// <summary>The stored row's version, for a conditional update; only the store sets it.</summary>
    internal ETag ETag { get; init; }

    /// <summary>The conversion a postback stores when it is the first for its key, in the state it says.</summary>
    public static Conversion From(PostbackMessage message, Click? click, DateTimeOffset processedAt, PostbackState said) => new()
    {
        Postback = message.Postback,
        State = ConversionState.Of(said),
        PostbackId = message.Id,
        ReceivedAt = message.ReceivedAt,
        ProcessedAt = processedAt,
        Callback = message.Source with { Method = message.Method ?? "GET" },
        Attribution = click is null ? null : Attribution.Of(click, message.ReceivedAt),
    };

    /// <summary>This orphan, attributed to the click that was registered after it.</summary>
    public Conversion AttributedTo(Click click, DateTimeOffset now) =>
        this with { Attribution = Attribution.Of(click, ReceivedAt), ReattributedAt = now };
}
