using Trax.Core;

namespace Trax.Reconciliation;

/// <summary>
/// Which column of a network's export holds what Trax compares: the click id (required), the transaction id, the
/// type or event name (or one type for every row), the status, the amount, the currency and the time. Column names
/// match the header case-insensitively; a mapping is remembered per network after a run.
/// </summary>
public sealed record ExportMapping
{
    public required string ClickId { get; init; }

    public string? TxId { get; init; }

    public string? Type { get; init; }

    /// <summary>The type of every row, for an export of one event (no type column).</summary>
    public string? TypeValue { get; init; }

    /// <summary>The export's own event names, <c>Deposit:ftd,Signup:reg</c>, beside the common ones.</summary>
    public string? Types { get; init; }

    public string? Status { get; init; }

    public string? Amount { get; init; }

    public string? Currency { get; init; }

    public string? Time { get; init; }

    /// <summary>A .NET date format such as <c>dd/MM/yyyy HH:mm</c>, or <c>unix</c> (seconds); none: ISO 8601 forms.</summary>
    public string? TimeFormat { get; init; }

    /// <summary>The mapping's fields that name a column, with their parameter names (for errors).</summary>
    public IEnumerable<(string Field, string Column)> Columns()
    {
        yield return ("clickid", ClickId);
        foreach (var (field, column) in new[] { ("txid", TxId), ("type", Type), ("status", Status), ("amount", Amount), ("currency", Currency), ("time", Time) })
        {
            if (column is not null)
            {
                yield return (field, column);
            }
        }
    }

    /// <summary>The common event names networks use, and the three types by their own names.</summary>
    internal static readonly Dictionary<string, ConversionType> CommonTypeWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ftd"] = ConversionType.Ftd, ["first deposit"] = ConversionType.Ftd, ["first_deposit"] = ConversionType.Ftd,
        ["first-deposit"] = ConversionType.Ftd, ["deposit"] = ConversionType.Ftd, ["cpa"] = ConversionType.Ftd,
        ["reg"] = ConversionType.Reg, ["registration"] = ConversionType.Reg, ["signup"] = ConversionType.Reg,
        ["sign up"] = ConversionType.Reg, ["sign-up"] = ConversionType.Reg, ["lead"] = ConversionType.Reg,
        ["sale"] = ConversionType.Sale, ["purchase"] = ConversionType.Sale, ["order"] = ConversionType.Sale,
    };
}
