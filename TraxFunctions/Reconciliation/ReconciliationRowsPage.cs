namespace Trax.Reconciliation;

/// <summary>One page of a reconciliation's rows, in category then file order; <c>continuation</c> asks for the next.</summary>
public sealed record ReconciliationRowsPage(string Id, string? Category, IReadOnlyList<ReconciliationRow> Rows, string? Continuation);
