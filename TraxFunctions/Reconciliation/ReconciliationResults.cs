using Trax.Http;
using Trax.Input;

namespace Trax.Reconciliation;

/// <summary>
/// Answers a stored reconciliation (what <see cref="Reconciler"/> ran): its summary, a page of its rows, its CSV.
/// Refusals are logged under the reconciler's category, as before the two were split.
/// </summary>
public sealed class ReconciliationResults(ReconciliationStore store, ILogger<Reconciler> logger)
{
    /// <summary>The most rows a page holds, and the default.</summary>
    public const int MaxPage = 1000;

    public const int DefaultPage = 100;

    public async Task<IActionResult> GetAsync(string id, CancellationToken cancellationToken) =>
        ReconciliationKeys.IsId(id) && await store.ReadSummaryAsync(id, cancellationToken) is { } summary
            ? Answers.Ok(summary, ReconciliationJson.Default.ReconciliationSummary)
            : Answers.Rejected(ReconciliationRejections.NotFound);

    /// <summary>A page of rows, of one category or all, in category then export order.</summary>
    public async Task<IActionResult> RowsAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var reader = new QueryReader(request.Query);
        var category = Category(reader);
        var limit = reader.Number("limit", 1, MaxPage, ParameterRejections.InvalidNumber("limit", 1, MaxPage)) ?? DefaultPage;
        var continuation = reader.Optional("continuation");
        string? after = null;
        if (continuation is not null)
        {
            var (from, to) = ReconciliationKeys.Rows(category);
            var parts = Storage.ContinuationToken.Decode(continuation);
            if (parts is not [var tokenId, var key] || tokenId != id || !ReconciliationKeys.IsRow(key)
                || string.CompareOrdinal(key, from) < 0 || string.CompareOrdinal(key, to) >= 0)
            {
                reader.Fail(ReconciliationRejections.InvalidContinuation);
            }
            else
            {
                after = key;
            }
        }

        if (reader.Rejection is { } rejection)
        {
            return Refuse(rejection);
        }

        if (!ReconciliationKeys.IsId(id) || await store.ReadSummaryAsync(id, cancellationToken) is null)
        {
            return Answers.Rejected(ReconciliationRejections.NotFound);
        }

        var (rows, last) = await store.ReadRowsAsync(id, category, after, limit, cancellationToken);
        var page = new ReconciliationRowsPage(id, category, rows, last is null ? null : Storage.ContinuationToken.Encode([id, last]));
        return Answers.Ok(page, ReconciliationJson.Default.ReconciliationRowsPage);
    }

    /// <summary>Every row (or a category's) as CSV, text cells a spreadsheet would run as a formula escaped.</summary>
    public async Task<IActionResult> CsvAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var reader = new QueryReader(request.Query);
        var category = Category(reader);
        if (reader.Rejection is { } rejection)
        {
            return Refuse(rejection);
        }

        if (!ReconciliationKeys.IsId(id) || await store.ReadSummaryAsync(id, cancellationToken) is not { } summary)
        {
            return Answers.Rejected(ReconciliationRejections.NotFound);
        }

        var rows = (await store.ReadAllRowsAsync(id, cancellationToken)).Where(r => category is null || r.Category == category).OrderBy(r => r.Seq);
        return Answers.Csv(ReconciliationCsv.Write(rows, Zones.Zone.Find(summary.TimeZone)), $"reconciliation-{id}.csv");
    }

    private static string? Category(QueryReader reader)
    {
        var category = reader.Text("category");
        if (category is not null && !ReconciliationCategories.All.Contains(category))
        {
            reader.Fail(ReconciliationRejections.InvalidCategory);
            return null;
        }

        return category;
    }

    private IActionResult Refuse(Rejection rejection)
    {
        Log.Refused(logger, rejection.Reason, rejection.Line);
        return Answers.Rejected(rejection);
    }
}
