using Trax.Storage;

namespace Trax.Reconciliation;

/// <summary>A row of the Reconciliations table: a summary, a result row or a remembered mapping, as its JSON.</summary>
internal sealed class ReconciliationEntity : TableRow
{
    /// <summary>The category of a result row (also in its key), so a page needs no parsing to be filtered.</summary>
    public string? Category { get; set; }

    public string Json { get; set; } = "";
}
