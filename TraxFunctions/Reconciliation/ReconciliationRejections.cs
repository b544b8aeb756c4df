using Trax.Input;

namespace Trax.Reconciliation;

/// <summary>
/// Why a reconciliation was refused: nothing is read or stored. A closed set, documented in docs/reconciliation.md:
/// never rename a code. The zone's and the range's codes are the Zones slice's.
/// </summary>
public static class ReconciliationRejections
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public const int MaxRows = 100_000;

    /// <summary>The longest value a mapped field may hold (a txid is bounded the same at intake).</summary>
    public const int MaxValueLength = 1024;

    /// <summary>The longest period, in the zone's days.</summary>
    public const int MaxDays = 62;

    public static Rejection UnsupportedMediaType { get; } =
        new("unsupported-media-type", "Send the network's export as text/csv (UTF-8, a header row first).", 415);

    public static Rejection TooLarge { get; } =
        new("export-too-large", "The export is larger than 10 MiB: split the period.", 413);

    public static Rejection TooManyRows { get; } =
        new("too-many-rows", $"The export has more than {MaxRows} rows: split the period.", 413);

    public static Rejection InvalidEncoding { get; } =
        new("invalid-encoding", "The export is not valid UTF-8 text.");

    public static Rejection NoRows { get; } =
        new("no-rows", "The export has no header row, or no rows under it.");

    public static Rejection InvalidCsv(long line, string problem) =>
        new("invalid-csv", $"{problem} Nothing was reconciled.") { Line = line };

    public static Rejection MissingNetwork { get; } =
        new("missing-network", "Name the network whose export this is (network=).");

    public static Rejection NoMapping { get; } =
        new("no-mapping", "Say which column holds what: a preset (preset=trax, hasoffers, everflow, igaming-ftd) or the columns (clickid=, txid=, type=, status=, amount=, currency=, time=). A network's last mapping is used when none is given.");

    public static Rejection UnknownPreset { get; } =
        new("unknown-preset", $"preset must be one of {string.Join(", ", MappingPresets.All.Keys)}.");

    public static Rejection NoClickIdColumn { get; } =
        new("no-clickid-column", "The mapping must name the column that holds Trax's click id (clickid=): without it no row can be matched.");

    public static Rejection UnknownColumn(string field, string column) =>
        new("unknown-column", $"The mapping's {field} names the column '{InputValues.Printable(column, 64)}', which the export's header does not have.");

    public static Rejection NoTypeColumn { get; } =
        new("no-type-column", "Name the column with the type or event name (type=), or give every row's type (typeValue=ftd, reg or sale).");

    public static Rejection InvalidTypeMap { get; } =
        new("invalid-type-map", "types= lists the export's event names with Trax's types: Deposit:ftd,Signup:reg (types ftd, reg, sale).");

    public static Rejection UnknownType(long line) =>
        new("unknown-type", "A row's type or event name is none Trax knows: map it with types=Name:ftd (or reg, sale).") { Line = line };

    public static Rejection InvalidAmount(long line) =>
        new("invalid-amount", "A row's amount is not a number such as 12.50 ('.' as the decimal separator, no thousands separator).") { Line = line };

    /// <summary>The code of <see cref="InvalidAmount"/>: an amount Trax could read only by rounding it.</summary>
    public static Rejection AmountTooPrecise(long line) =>
        new("invalid-amount", $"A row's amount has more than {DecimalText.MaxSignificantDigits} significant digits (or decimals): Trax would have to round it, and never does.") { Line = line };

    /// <summary>The code of <see cref="InvalidAmount"/>: amounts whose total Trax could keep only by rounding it.</summary>
    public static Rejection TotalTooPrecise(long line) =>
        new("invalid-amount", $"The amounts of this row's currency, up to this row, add up to a total of more than {DecimalText.MaxSignificantDigits} significant digits: Trax would have to round it, and never does.") { Line = line };

    public static Rejection InvalidCurrency(long line) =>
        new("invalid-currency", "A row's currency is not a three-letter ISO 4217 code such as EUR: check which column currency= names.") { Line = line };

    public static Rejection InvalidTime(long line) =>
        new("invalid-time", "A row's time is not in the mapping's format (timeFormat=; none: ISO 8601 such as 2026-11-30 23:59:59 or 2026-11-30T23:59:59+01:00).") { Line = line };

    public static Rejection ValueTooLong(long line) =>
        new("value-too-long", $"A row holds a mapped value longer than {MaxValueLength} characters.") { Line = line };

    public static Rejection NotFound { get; } =
        new("not-found", "No reconciliation has this id.", 404);

    public static Rejection InvalidCategory { get; } =
        new("invalid-category", $"category must be one of {string.Join(", ", ReconciliationCategories.All)}.");

    public static Rejection InvalidContinuation { get; } =
        new("invalid-continuation", "The continuation token was not issued for this reconciliation and category.");

    /// <summary>For the documentation and its test: every reason code the reconciliation APIs answer with.</summary>
    public static IReadOnlyList<string> Reasons { get; } =
    [
        UnsupportedMediaType.Reason, TooLarge.Reason, TooManyRows.Reason, InvalidEncoding.Reason, NoRows.Reason, InvalidCsv(0, "").Reason,
        MissingNetwork.Reason, NoMapping.Reason, UnknownPreset.Reason, NoClickIdColumn.Reason, UnknownColumn("", "").Reason,
        NoTypeColumn.Reason, InvalidTypeMap.Reason, UnknownType(0).Reason, InvalidAmount(0).Reason, InvalidCurrency(0).Reason, InvalidTime(0).Reason,
        ValueTooLong(0).Reason, NotFound.Reason, InvalidCategory.Reason, InvalidContinuation.Reason,
    ];
}
