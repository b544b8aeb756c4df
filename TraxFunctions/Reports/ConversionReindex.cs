using Trax.Conversions;
using Trax.Http;
using Trax.Input;

namespace Trax.Reports;

/// <summary>
/// The handler behind <c>POST /api/reports/reindex[?limit=1-1000][&amp;continuationToken=…]</c>: one page of the
/// Conversions table merged into the day index (<see cref="DayIndexRebuilder"/>), and the token of the next page
/// (null at the end). Run once after upgrading, page by page, so that reports count the unattributed and
/// outside-window conversions stored before they were indexed; safe to run again at any time.
/// </summary>
public sealed class ConversionReindex(DayIndexRebuilder rebuilder, ILogger<ConversionReindex> logger)
{
    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var reader = new QueryReader(request.Query);
        var (limit, token) = PassPage.Read(reader, sent => DayIndexRebuilder.IsValidToken(sent) ? sent : null);

        if (reader.Rejection is { } rejection)
        {
            return Answers.Rejected(rejection);
        }

        var page = await rebuilder.RebuildAsync(limit, token, cancellationToken);
        Log.Reindexed(logger, page.Conversions, page.Indexed, page.ContinuationToken is not null);
        return Answers.Json(json =>
        {
            json.WriteStartObject();
            json.WriteString("status", "ok");
            json.WriteNumber("conversions", page.Conversions);
            json.WriteNumber("indexed", page.Indexed);
            json.WriteString("continuationToken", page.ContinuationToken);

            json.WriteEndObject();
        });
    }
}
