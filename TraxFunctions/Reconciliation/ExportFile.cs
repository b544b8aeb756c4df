using Trax.Input;

namespace Trax.Reconciliation;

/// <summary>The rows of an export, or why it was refused as a whole.</summary>
public sealed record ExportFile(IReadOnlyList<ExportRow> Rows, Rejection? Rejection)
{
    public static ExportFile Refused(Rejection rejection) => new([], rejection);
}
