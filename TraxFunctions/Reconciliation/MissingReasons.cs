namespace Trax.Reconciliation;

/// <summary>What Trax saw of a conversion only the network's export has (the row's <c>reason</c>).</summary>
public static class MissingReasons
{
    /// <summary>A postback for it was received and refused: the log row's reason code and time.</summary>
    public const string Refused = "refused";

    /// <summary>Its postback was received but is in the poison queue (processing failed every attempt).</summary>
    public const string Poison = "poison";

    /// <summary>Its postback was received and is still waiting in the queue.</summary>
    public const string Queued = "queued";

    /// <summary>Trax has a conversion of this click, but of another type or with another txid.</summary>
    public const string OtherTypeOrTxId = "other-type-or-txid";

    /// <summary>The export row has no click id Trax could ever have received (blank, or not a click id).</summary>
    public const string NoClickId = "no-clickid";

    /// <summary>
    /// Trax keeps one conversion of a click and type without txid, and another row of the export took it: had this
    /// row's postback come, it was counted as that conversion's duplicate or update.
    /// </summary>
    public const string SameConversion = "same-conversion";

    /// <summary>No trace at all: the network did not fire the postback.</summary>
    public const string NeverArrived = "never-arrived";

    public static IReadOnlyList<string> All { get; } = [Refused, Poison, Queued, OtherTypeOrTxId, NoClickId, SameConversion, NeverArrived];
}
