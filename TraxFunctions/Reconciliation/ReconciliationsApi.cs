namespace Trax.Reconciliation;

/// <summary>Reconciliation of a network's export with what Trax received (function key): <c>/api/reconciliations</c>.</summary>
public sealed class ReconciliationsApi(Reconciler reconciler, ReconciliationResults results)
{
    [Function(nameof(RunReconciliation))]
    public Task<IActionResult> RunReconciliation(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/reconciliations")] HttpRequest request, CancellationToken cancellationToken)
        => reconciler.RunAsync(request, cancellationToken);

    [Function(nameof(PreviewReconciliation))]
    public Task<IActionResult> PreviewReconciliation(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/reconciliations/preview")] HttpRequest request, CancellationToken cancellationToken)
        => reconciler.PreviewAsync(request, cancellationToken);

    [Function(nameof(GetReconciliation))]
    public Task<IActionResult> GetReconciliation(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/reconciliations/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
        => results.GetAsync(id, cancellationToken);

    [Function(nameof(ListReconciliationRows))]
    public Task<IActionResult> ListReconciliationRows(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/reconciliations/{id}/rows")] HttpRequest request, string id, CancellationToken cancellationToken)
        => results.RowsAsync(request, id, cancellationToken);

    [Function(nameof(DownloadReconciliation))]
    public Task<IActionResult> DownloadReconciliation(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/reconciliations/{id}/csv")] HttpRequest request, string id, CancellationToken cancellationToken)
        => results.CsvAsync(request, id, cancellationToken);

    [Function(nameof(RerunReconciliation))]
    public Task<IActionResult> RerunReconciliation(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/reconciliations/{id}/rerun")] HttpRequest request, string id, CancellationToken cancellationToken)
        => reconciler.RerunAsync(id, cancellationToken);
}
